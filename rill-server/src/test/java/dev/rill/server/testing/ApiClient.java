package dev.rill.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls Rill's HTTP API on loopback and parses its JSON. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;

    public ApiClient(InetSocketAddress address) {
        this(address, null);
    }

    /**
     * Calls from source address {@code local} (any of 127.0.0.0/8 on Linux), so a test can be
     * several clients of the API; null lets the system choose.
     */
    public ApiClient(InetSocketAddress address, InetAddress local) {
        this.base = "http://127.0.0.1:" + address.getPort();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (local != null) {
            b.localAddress(local);
        }
        this.http = b.build();
    }

    /** {@code http://127.0.0.1:PORT}, the origin of a page the API itself would serve. */
    public String origin() {
        return base;
    }

    public HttpResponse<String> send(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        return sendWith(method, path, authorization == null ? Map.of() : Map.of("Authorization", authorization), body);
    }

    /** Sends with {@code headers} (Origin, Referer, Authorization, ...). */
    public HttpResponse<String> sendWith(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    /** GETs {@code path}, expecting HTTP 200 and JSON. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> res = get(path);
        if (res.statusCode() != 200) {
            throw new AssertionError(path + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    public JsonNode delete(String path) throws IOException, InterruptedException {
        return JSON.readTree(send("DELETE", path, null, null).body());
    }
}
