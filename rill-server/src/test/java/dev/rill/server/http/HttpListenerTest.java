package dev.rill.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.session.ConnectionCount;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request limits, the slow-client timeout, keep-alive and routing of the shared HTTP listener. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpListenerTest {
    private EventLoopGroup group;
    private HttpListener listener;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicInteger ids = new AtomicInteger();
        HttpRoute hello = new HttpRoute() {
            @Override
            public boolean matches(FullHttpRequest request) {
                return request.uri().startsWith("/hello");
            }

            @Override
            public void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
                HttpResponses.send(ctx, request, HttpResponses.text(HttpResponseStatus.OK, "hello\n"));
            }
        };
        listener = new HttpListener("HTTP test", new HttpLimits(256, 1024, 1024, 500),
                () -> "h" + ids.incrementAndGet(), new ConnectionCount(() -> Integer.MAX_VALUE), List.of(hello));
        address = listener.bind(new InetSocketAddress("127.0.0.1", 0), group, group, NioServerSocketChannel.class);
    }

    @AfterEach
    void stop() {
        listener.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void routesAndKeepsAlive() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readResponse(s)).startsWith("HTTP/1.1 200 OK").endsWith("hello\n");
            send(s, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readResponse(s)).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void requestLineOverTheLimitIs414() throws IOException {
        assertRejected("GET /" + "a".repeat(400) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414");
    }

    @Test
    void headersOverTheLimitAre431() throws IOException {
        assertRejected("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n", "431");
    }

    @Test
    void bodyOverTheLimitIs413() throws IOException {
        assertRejected("POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "c".repeat(5000), "413");
    }

    @Test
    void garbageIs400() throws IOException {
        assertRejected("\u0001\u0002 nonsense\r\n\r\n", "400");
    }

    @Test
    void slowClientIsCutOff() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /hel");
            String response = readResponse(s);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(closedByServer(s)).isTrue();
        }
    }

    private void assertRejected(String request, String code) throws IOException {
        try (Socket s = connect()) {
            send(s, request);
            assertThat(readResponse(s)).startsWith("HTTP/1.1 " + code);
            assertThat(closedByServer(s)).isTrue();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(address.getAddress(), address.getPort());
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads one response: headers, then Content-Length bytes of body. */
    private static String readResponse(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            out.write(b);
            String text = out.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(Math.max(0, length));
                return text + new String(body, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
