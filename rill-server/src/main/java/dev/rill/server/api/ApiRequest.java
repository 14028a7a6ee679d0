package dev.rill.server.api;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What the API needs of a request, copied out of Netty's so it can be answered off the event
 * loop. With JSONP ({@code callback=NAME}) the method may be given as {@code method=DELETE}, as
 * SRS allows for browsers that can only GET a script.
 */
record ApiRequest(String method, String path, Map<String, List<String>> query, String authorization) {

    static ApiRequest of(FullHttpRequest req) {
        QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        String method = req.method().name();
        Map<String, List<String>> query = qs.parameters();
        if (query.containsKey("callback") && query.containsKey("method")) {
            method = query.get("method").get(0).toUpperCase(java.util.Locale.ROOT);
        }
        String path = qs.path();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ApiRequest(method, path, query, req.headers().get(HttpHeaderNames.AUTHORIZATION));
    }

    /**
     * Whether this is a JSONP call: it has a {@code callback}, even an empty one, since that is
     * enough for {@code method=} to count.
     */
    boolean jsonp() {
        return query.containsKey("callback");
    }

    /** The first value of query parameter {@code name}, or the empty string. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /**
     * C's {@code atoi}, as SRS reads paging values: optional sign and leading digits, 0 when there
     * are none, clamped to the int range instead of overflowing.
     */
    static int atoi(String s) {
        int i = 0;
        String t = s.strip();
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            negative = t.charAt(0) == '-';
            i = 1;
        }
        long v = 0;
        for (; i < t.length() && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128; i++) {
            v = Math.min(v * 10 + (t.charAt(i) - '0'), (long) Integer.MAX_VALUE + 1);
        }
        v = negative ? -v : v;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
