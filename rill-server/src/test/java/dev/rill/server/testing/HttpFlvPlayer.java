package dev.rill.server.testing;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plays an HTTP-FLV URL with the JDK's HTTP client on a thread of its own, into a recorder. */
public final class HttpFlvPlayer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final FlvStreamRecorder recorder = new FlvStreamRecorder();
    private final Thread reader;
    private volatile int status = -1;
    private volatile String contentType;
    private volatile Throwable failure;
    private volatile InputStream body;

    private HttpFlvPlayer(String url) {
        reader = Thread.ofVirtual().start(() -> {
            try {
                HttpResponse<InputStream> res = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                status = res.statusCode();
                contentType = res.headers().firstValue("content-type").orElse("");
                body = res.body();
                try (InputStream in = res.body()) {
                    recorder.readAll(in);
                }
            } catch (Exception e) {
                failure = e;
            }
        });
    }

    public static HttpFlvPlayer play(String url) {
        return new HttpFlvPlayer(url);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public Throwable failure() {
        return failure;
    }

    /** True once the body has been read to its end. */
    public boolean finished() {
        return !reader.isAlive();
    }

    @Override
    public void close() throws Exception {
        InputStream in = body;
        if (in != null) {
            in.close();
        }
        reader.interrupt();
    }
}
