package dev.rill.server.api;

import dev.rill.server.config.HttpApiConfig;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.log.ContextLog;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.LongSupplier;

/**
 * What an API request passes before it is answered: the auth throttle and HTTP Basic, then the
 * cross-site guard. Each refusal is logged with the client's address, within a {@link LogBudget}
 * so a flood of them cannot flood the log; {@link #flush} tells what the budgets held back. It
 * only compares and counts, so it runs on the event loop. One per API port, shared by its routes.
 */
final class ApiGate {
    /** Lines per kind of refusal per interval, and the interval (also {@link #flush}'s period). */
    static final int LOG_LINES = 10;
    static final long LOG_INTERVAL_MS = 60_000;
    private static final ContextLog LOG = ContextLog.of(ApiGate.class, "api");

    private final AuthThrottle throttle;
    private final LogBudget authLog;
    private final LogBudget crossSiteLog;

    /** {@code millis} is a monotonic clock in milliseconds. */
    ApiGate(LongSupplier millis) {
        this.throttle = new AuthThrottle(millis);
        this.authLog = new LogBudget(millis, LOG_LINES, LOG_INTERVAL_MS);
        this.crossSiteLog = new LogBudget(millis, LOG_LINES, LOG_INTERVAL_MS);
    }

    /**
     * Null when the request may go on (auth off, or the right credentials); else the 401, or the
     * 429 while {@code from} waits after failures. Only a request that brings credentials can
     * fail: a browser's first request, without them, just gets the challenge.
     */
    FullHttpResponse authorize(HttpHeaders headers, HttpApiConfig api, InetAddress from, ContextLog log) {
        if (!api.auth()) {
            return null;
        }
        String source = source(from);
        long wait = throttle.waitMs(from);
        if (wait > 0) {
            authLog.hold(source);
            FullHttpResponse res = HttpResponses.text(HttpResponseStatus.TOO_MANY_REQUESTS, "429 Too Many Requests\n");
            res.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString((wait + 999) / 1000));
            return res;
        }
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorized(header, api)) {
            throttle.succeeded(from);
            return null;
        }
        if (header != null) {
            AuthThrottle.Failure f = throttle.failed(from);
            if (authLog.take(source)) {
                log.warn("HTTP API auth failed from {} ({} in a row){}", source, f.failures(),
                        f.waitMs() > 0 ? "; its next try waits " + f.waitMs() + " ms" : "");
            }
        }
        FullHttpResponse res = HttpResponses.text(HttpResponseStatus.UNAUTHORIZED, "401 Unauthorized\n");
        res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Rill\"");
        return res;
    }

    /** Null when {@code req} may go on; else SRS's 2015 as a 403, the refusal logged. */
    ApiResponse crossSite(HttpHeaders headers, ApiRequest req, String uri, HttpApiConfig api, InetAddress from,
                          ContextLog log) {
        String why = CrossSiteGuard.refusal(headers, req, api);
        if (why == null) {
            return null;
        }
        String source = source(from);
        if (crossSiteLog.take(source)) {
            log.warn("HTTP API refused {} {} from {}: {}", req.method(), CrossSiteGuard.clip(uri), source, why);
        }
        return ApiResponse.json(403, ApiJson.F.objectNode().put("code", ApiCodes.ACCESS_DENIED));
    }

    /** Logs what the budgets held back since the last call; run every {@link #LOG_INTERVAL_MS}. */
    void flush() {
        String auth = authLog.drain();
        if (auth != null) {
            LOG.warn("HTTP API: {} more failed or throttled auth attempts, not logged one by one", auth);
        }
        String crossSite = crossSiteLog.drain();
        if (crossSite != null) {
            LOG.warn("HTTP API: {} more refused cross-site calls, not logged one by one", crossSite);
        }
    }

    AuthThrottle throttle() {
        return throttle;
    }

    private static String source(InetAddress from) {
        return from == null ? "an unknown address" : from.getHostAddress();
    }

    /** HTTP Basic (RFC 7617) against auth.username and auth.password, compared in constant time. */
    static boolean authorized(String header, HttpApiConfig api) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (api.username() + ":" + api.password()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
