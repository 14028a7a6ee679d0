package dev.rill.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An HTTP callback server on loopback that records every body posted to it and answers by path:
 * {@code /allow} ("0"), {@code /allow-json} ({"code":0}), {@code /deny} ({"code":403}),
 * {@code /garbage} (not JSON), {@code /error} (HTTP 500), {@code /slow} (answers after 3 s),
 * {@code /nothing} (closes without answering), {@code /held} (answers "0" once {@link #releaseHeld()}
 * is called).
 */
public final class HookServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded call: the path and the parsed body. */
    public record Call(String path, JsonNode body) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final CountDownLatch held = new CountDownLatch(1);

    public HookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Lets the calls to {@code /held}, now and later, be answered. */
    public void releaseHeld() {
        held.countDown();
    }

    /** The bodies whose action is {@code action}, in arrival order. */
    public List<JsonNode> bodies(String action) {
        return calls.stream().map(Call::body).filter(b -> b.path("action").asText().equals(action)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        calls.add(new Call(path, JSON.readTree(body)));
        switch (path) {
            case "/allow" -> answer(ex, 200, "0");
            case "/allow-json" -> answer(ex, 201, "{\"code\":0,\"data\":null}");
            case "/deny" -> answer(ex, 200, "{\"code\":403}");
            case "/garbage" -> answer(ex, 200, "<html>hello</html>");
            case "/error" -> answer(ex, 500, "{\"code\":0}");
            case "/slow" -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(ex, 200, "0");
            }
            case "/nothing" -> ex.close();
            case "/held" -> {
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(ex, 200, "0");
            }
            default -> answer(ex, 404, "no such hook");
        }
    }

    private static void answer(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
    }
}
