package dev.rill.server.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rill.server.log.ContextLog;
import dev.rill.server.testing.HookServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a hook server can answer, against SRS's allow rule, with a short timeout. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HookCallerTest {
    private static final ContextLog LOG = ContextLog.of(HookCallerTest.class, "test");
    private static HookServer hooks;
    private static HookCaller caller;

    @BeforeAll
    static void start() throws Exception {
        hooks = new HookServer();
        caller = new HookCaller(Duration.ofMillis(1500));
    }

    @AfterAll
    static void stop() {
        caller.close();
        hooks.close();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("/allow", HookOutcome.ALLOW),
                Arguments.of("/allow-json", HookOutcome.ALLOW),
                Arguments.of("/deny", HookOutcome.DENY),
                Arguments.of("/garbage", HookOutcome.DENY),
                Arguments.of("/error", HookOutcome.ERROR),
                Arguments.of("/slow", HookOutcome.TIMEOUT),
                Arguments.of("/nothing", HookOutcome.ERROR));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("answers")
    void gateAllowsOnlyWhatSrsAllows(String path, HookOutcome outcome) throws Exception {
        long before = caller.count(Hook.ON_PLAY, outcome);
        long started = System.nanoTime();
        String denied = caller.gate(Hook.ON_PLAY, List.of(hooks.url(path)), body(), LOG).get(5, TimeUnit.SECONDS);
        assertThat(denied == null).as(String.valueOf(denied)).isEqualTo(outcome == HookOutcome.ALLOW);
        if (denied != null) {
            assertThat(denied).contains("on_play").contains(path).contains(outcome.label());
        }
        assertThat(caller.count(Hook.ON_PLAY, outcome)).isEqualTo(before + 1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2900);
    }

    @Test
    void unreachableServerDenies() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String denied = caller.gate(Hook.ON_CONNECT, List.of("http://127.0.0.1:" + port + "/x"), body(), LOG)
                .get(5, TimeUnit.SECONDS);
        assertThat(denied).contains("error").contains("cannot reach");
    }

    @Test
    void urlsAreCalledInOrderAndTheFirstDenialStops() throws Exception {
        int before = hooks.calls.size();
        String denied = caller.gate(Hook.ON_PUBLISH,
                List.of(hooks.url("/allow"), hooks.url("/deny"), hooks.url("/allow-json")), body(), LOG).get(5, TimeUnit.SECONDS);
        assertThat(denied).contains("/deny");
        assertThat(hooks.calls.subList(before, hooks.calls.size())).extracting(HookServer.Call::path)
                .containsExactly("/allow", "/deny");
    }

    @ParameterizedTest(name = "HTTP {0} body [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "200|0|ALLOW",
            "201|0|ALLOW",
            "200|' 0\n'|ALLOW",
            "200|{\"code\":0}|ALLOW",
            "200|{\"code\":0,\"data\":{\"x\":1}}|ALLOW",
            "200|{\"code\":1}|DENY",
            "200|{\"code\":\"0\"}|DENY",
            "200|{\"data\":0}|DENY",
            "200|[0]|DENY",
            "200|1|DENY",
            "200|''|DENY",
            "200|ok|DENY",
            "204|0|ERROR",
            "302|0|ERROR",
            "500|{\"code\":0}|ERROR"})
    void verdictFollowsSrs(int status, String body, HookOutcome outcome) {
        assertThat(HookVerdict.judge(status, body).outcome()).isEqualTo(outcome);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode body() {
        return JsonNodeFactory.instance.objectNode().put("action", "on_play");
    }
}
