package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.TestServer;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guessing the API's password: after a few failures an address is answered 429 without its guess
 * being checked, the failures are logged in a bounded number of lines, other addresses are not
 * held up, and the right password works once the wait is over. Each test calls from its own
 * loopback address, as the throttle counts by address.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiAuthThrottleTest {
    private static final String RIGHT = basic("admin:s3cret");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; "
                + "auth { enabled on; username admin; password s3cret; } }", "");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void threeHundredWrongGuessesAreMostlyRefusedUncheckedAndLoggedInFewLines() throws Exception {
        ApiClient guesser = client("127.0.0.21");
        int unauthorized = 0;
        int throttled = 0;
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 300; i++) {
                int status = guesser.send("GET", "/api/v1/versions", basic("admin:guess" + i), null).statusCode();
                if (status == 401) {
                    unauthorized++;
                } else if (status == 429) {
                    throttled++;
                }
            }
            List<String> lines = log.lines(Level.WARN).stream().filter(l -> l.contains("auth failed")).toList();
            assertThat(lines).as("each failure is logged, within a budget").isNotEmpty()
                    .hasSizeLessThanOrEqualTo(ApiGate.LOG_LINES)
                    .allSatisfy(l -> assertThat(l).contains("127.0.0.21"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("next try waits"));
        }
        assertThat(unauthorized).as("checked guesses").isBetween(AuthThrottle.FREE_FAILURES, 12);
        assertThat(throttled).isGreaterThanOrEqualTo(300 - 12);

        // Right now even the right password is not checked: it would tell a right guess.
        HttpResponse<String> waiting = guesser.send("GET", "/api/v1/versions", RIGHT, null);
        assertThat(waiting.statusCode()).isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
        // Another address is not held up.
        assertThat(client("127.0.0.22").send("GET", "/api/v1/versions", RIGHT, null).statusCode()).isEqualTo(200);
        // Once the wait is over, the right password works.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int status;
        do {
            HttpResponse<String> res = guesser.send("GET", "/api/v1/versions", RIGHT, null);
            status = res.statusCode();
            if (status == 429) {
                Thread.sleep(Math.min(1000, 1000 * Long.parseLong(res.headers().firstValue("Retry-After").orElse("1"))));
            }
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }

    @Test
    void onlyWrongCredentialsCountAndTheRightOnesStartAfresh() throws Exception {
        ApiClient browser = client("127.0.0.23");
        for (int i = 0; i < 20; i++) {
            assertThat(browser.send("GET", "/api/v1/versions", null, null).statusCode()).isEqualTo(401);
        }
        for (int i = 0; i < AuthThrottle.FREE_FAILURES - 1; i++) {
            assertThat(browser.send("GET", "/api/v1/versions", basic("admin:typo"), null).statusCode()).isEqualTo(401);
        }
        assertThat(browser.send("GET", "/api/v1/versions", RIGHT, null).statusCode()).isEqualTo(200);
        // The right password started it afresh: as many failures again before a wait, on every path.
        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            assertThat(browser.send("GET", "/metrics", basic("admin:typo"), null).statusCode()).isEqualTo(401);
        }
        assertThat(browser.send("GET", "/api/v1/versions", RIGHT, null).statusCode()).isEqualTo(429);
    }

    private static ApiClient client(String from) throws Exception {
        return new ApiClient(server.httpAddress("HTTP API"), InetAddress.getByName(from));
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }
}
