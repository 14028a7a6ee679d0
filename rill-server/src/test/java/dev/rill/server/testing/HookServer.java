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
import java.util.function.Consumer;

/**
 * An HTTP callback server on loopback that records every body posted to it and answers by path:
 * {@code /allow} ("0"), {@code /allow-json} ({"code":0}), {@code /deny} ({"code":403}),
 * {@code /garbage} (not JSON), {@code /error} (HTTP 500), {@code /slow} (answers after 3 s),
 * {@code /nothing} (closes without answering), {@code /held} (answers "0" once {@link #releaseHeld()}
 * is called), {@code /token} (allows a client whose {@code param} holds {@code token=ok}, as a
 * server selling access by token would, and denies any other). Run as a program ({@link #main}),
 * it is a hook server process of its own: it prints its port, then each call as one JSON line.
 */
public final class HookServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded call: the path and the parsed body. */
    public record Call(String path, JsonNode body) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile Consumer<Call> listener = call -> { };

    public HookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves until standard input ends, printing {@code port N} and then one line per call. */
    public static void main(String[] args) throws IOException {
        try (HookServer hooks = new HookServer()) {
            hooks.listener = call -> {
                synchronized (System.out) {
                    System.out.println(JSON.createObjectNode().put("path", call.path()).set("body", call.body()));
                    System.out.flush();
                }
            };
            System.out.println("port " + hooks.server.getAddress().getPort());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
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
        Call call = new Call(path, JSON.readTree(body));
        calls.add(call);
        listener.accept(call);
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
            case "/token" -> answer(ex, 200, call.body().path("param").asText().contains("token=ok") ? "0"
                    : "{\"code\":403}");
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
