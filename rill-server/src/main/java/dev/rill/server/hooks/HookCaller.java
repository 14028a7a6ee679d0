package dev.rill.server.hooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.server.log.ContextLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls hook URLs with SRS's JSON bodies, each call on its own virtual thread, so neither an
 * event loop nor another client ever waits on a hook server. A gate hook (on_connect, on_publish,
 * on_play) calls its URLs in order and allows only if every one allows; the others are called
 * for the record and their failures logged.
 */
public final class HookCaller implements AutoCloseable {
    /** How long one hook call may take, connect to last byte, before it counts as failed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The most of an answer Rill reads; a longer one is an error. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final Duration timeout;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final Map<Hook, Map<HookOutcome, LongAdder>> counts = new EnumMap<>(Hook.class);

    public HookCaller(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(threads)
                .version(HttpClient.Version.HTTP_1_1).build();
        for (Hook h : Hook.values()) {
            Map<HookOutcome, LongAdder> byOutcome = new EnumMap<>(HookOutcome.class);
            for (HookOutcome o : HookOutcome.values()) {
                byOutcome.put(o, new LongAdder());
            }
            counts.put(h, byOutcome);
        }
    }

    /** Whether a client may go on: completes with null to allow, or the reason it is denied. */
    public CompletableFuture<String> gate(Hook hook, List<String> urls, ObjectNode body, ContextLog log) {
        return CompletableFuture.supplyAsync(() -> {
            for (String url : urls) {
                HookVerdict.Result r = call(hook, url, body);
                if (r.outcome() != HookOutcome.ALLOW) {
                    String why = hook.action() + " " + url + " " + r.outcome().label() + ": " + r.why();
                    log.warn("hook {}", why);
                    return why;
                }
                log.trace("hook {} {} allowed", hook.action(), url);
            }
            return null;
        }, threads);
    }

    /** Calls every URL in order, logging what fails; nobody waits for it. */
    public void notify(Hook hook, List<String> urls, ObjectNode body, ContextLog log) {
        if (urls.isEmpty()) {
            return;
        }
        threads.execute(() -> {
            for (String url : urls) {
                HookVerdict.Result r = call(hook, url, body);
                if (r.outcome() != HookOutcome.ALLOW) {
                    log.warn("hook {} {} {}: {}", hook.action(), url, r.outcome().label(), r.why());
                }
            }
        });
    }

    /** How many calls of {@code hook} ended with {@code outcome}. */
    public long count(Hook hook, HookOutcome outcome) {
        return counts.get(hook).get(outcome).sum();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private HookVerdict.Result call(Hook hook, String url, ObjectNode body) {
        HookVerdict.Result r = post(url, body);
        counts.get(hook).get(r.outcome()).increment();
        return r;
    }

    private HookVerdict.Result post(String url, ObjectNode body) {
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            return new HookVerdict.Result(HookOutcome.ERROR, "bad URL: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = res.body()) {
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    return new HookVerdict.Result(HookOutcome.ERROR, "answer over " + MAX_RESPONSE_BYTES + " bytes");
                }
                return HookVerdict.judge(res.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            return new HookVerdict.Result(HookOutcome.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new HookVerdict.Result(HookOutcome.ERROR, "cannot reach: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HookVerdict.Result(HookOutcome.ERROR, "interrupted");
        }
    }
}
