package dev.rill.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.testing.RawHttpSocket;
import dev.rill.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Many requests sent at once on one connection are each answered, in order. */
class PipelinedHttpTest {
    private static final int REQUESTS = 300;

    @Test
    void everyPipelinedRequestIsAnswered() throws Exception {
        try (TestServer server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; }", "");
             RawHttpSocket socket = RawHttpSocket.connect(server.httpAddress("HTTP API"))) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++) {
                burst.append("GET /api/v1/versions?n=").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            socket.send(burst.toString());
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(socket.readResponse()).as("response %d", i).startsWith("HTTP/1.1 200");
            }
        }
    }
}
