package dev.rill.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@link HookServer} in a JVM of its own, as an operator's hook server is a process apart from
 * the media server: the calls it prints are collected here. Closing it (or this JVM ending, which
 * closes its standard input) ends it.
 */
public final class HookServerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<HookServer.Call> calls = new CopyOnWriteArrayList<>();
    private final Process process;
    private final int port;

    private HookServerProcess(Process process) throws IOException {
        this.process = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("port ")) {
            process.destroyForcibly();
            throw new IOException("hook server process did not start: " + first);
        }
        port = Integer.parseInt(first.substring(5).trim());
        Thread.ofVirtual().name("hook-server-output").start(() -> collect(out));
    }

    public static HookServerProcess start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HookServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new HookServerProcess(p);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The bodies whose action is {@code action}, in arrival order. */
    public List<JsonNode> bodies(String action) {
        return calls.stream().map(HookServer.Call::body).filter(b -> b.path("action").asText().equals(action)).toList();
    }

    private void collect(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                JsonNode call = JSON.readTree(line);
                calls.add(new HookServer.Call(call.path("path").asText(), call.path("body")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
