package dev.rill.server.api;

import dev.rill.server.config.HttpApiConfig;
import dev.rill.server.config.WebOrigin;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Set;

/**
 * Keeps other web sites' pages from changing the server's state through a viewer's browser. A
 * browser names the page behind a request in {@code Origin} (or {@code Referer}); curl and scripts
 * name none and pass as in SRS. A call that changes state from a page of another origin is refused
 * unless {@code allow_origin} lists it; JSONP, which a {@code <script>} tag sends without an
 * Origin, may change state only with {@code allow_jsonp_mutation on}.
 */
final class CrossSiteGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** The raw rpcs that only read (SRS's query is one; Rill answers it with 1060). */
    private static final Set<String> READING_RPCS = Set.of("", "raw", "query");
    /** What a preflight from an untrusted page may do: read, as in SRS. */
    static final String READ_METHODS = "GET, HEAD, OPTIONS";
    static final String ALL_METHODS = "GET, POST, HEAD, PUT, DELETE, OPTIONS";
    /** Fetch metadata: a browser's word that the page is this origin, or no page at all. */
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private CrossSiteGuard() {
    }

    /**
     * Whether {@code req} changes state: any method but GET, HEAD and OPTIONS (JSONP's
     * {@code method=} included), and a raw rpc that does not only read ({@code reload}).
     */
    static boolean mutating(ApiRequest req) {
        if (!SAFE_METHODS.contains(req.method())) {
            return true;
        }
        return req.path().equals("/api/v1/raw") && !READING_RPCS.contains(req.param("rpc"));
    }

    /** Why {@code req} is refused, or null when it may go on. */
    static String refusal(HttpHeaders headers, ApiRequest req, HttpApiConfig api) {
        if (!mutating(req)) {
            return null;
        }
        if (req.jsonp() && !api.allowJsonpMutation()) {
            return "JSONP may not change state (a <script> tag on any page can send it); "
                    + "set http_api.allow_jsonp_mutation on to allow it";
        }
        if (api.allowsAnyOrigin()) {
            return null;
        }
        String named = headers.get(HttpHeaderNames.ORIGIN);
        if (named == null) {
            named = headers.get(HttpHeaderNames.REFERER);
        }
        if (named == null) {
            // A page can withhold its Referer, but modern browsers still say where it is.
            String site = headers.get("Sec-Fetch-Site");
            return site == null || OWN_SITE.contains(site) ? null
                    : "a page of another site (Sec-Fetch-Site: " + clip(site) + ") that names no origin";
        }
        WebOrigin from = WebOrigin.fromHeader(named);
        if (from == null) {
            return "origin '" + clip(named) + "' cannot be checked";
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (from.isHost(host) || api.allowsOrigin(from)) {
            return null;
        }
        return "origin " + from + " is not this server's (Host " + clip(String.valueOf(host))
                + ") and not in http_api.allow_origin";
    }

    /**
     * The methods a CORS preflight may allow: every one to this origin's own pages, to
     * {@code allow_origin} and to a request naming no origin; only reading to other pages.
     */
    static String preflightMethods(HttpHeaders headers, HttpApiConfig api) {
        String named = headers.get(HttpHeaderNames.ORIGIN);
        if (named == null || api.allowsAnyOrigin()) {
            return ALL_METHODS;
        }
        WebOrigin from = WebOrigin.fromHeader(named);
        boolean trusted = from != null && (from.isHost(headers.get(HttpHeaderNames.HOST)) || api.allowsOrigin(from));
        return trusted ? ALL_METHODS : READ_METHODS;
    }

    /** A header value as a log line may quote it: short, one line. */
    static String clip(String value) {
        String v = value.length() > 120 ? value.substring(0, 120) + "..." : value;
        return v.replaceAll("[\\p{Cntrl}]", "?");
    }
}
