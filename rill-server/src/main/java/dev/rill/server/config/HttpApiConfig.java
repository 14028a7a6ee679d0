package dev.rill.server.config;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The root {@code http_api} block, SRS defaults filled in.
 *
 * @param enabled            {@code enabled}, default off
 * @param listen             {@code listen}, default 1985 (all interfaces)
 * @param crossdomain        {@code crossdomain}: CORS headers on every answer, default on
 * @param rawApi             {@code raw_api.enabled}, default off
 * @param allowReload        {@code raw_api.allow_reload}: {@code raw?rpc=reload} reloads, default off
 * @param auth               {@code auth.enabled}: HTTP Basic on every path, default off
 * @param username           {@code auth.username}, default empty
 * @param password           {@code auth.password}, default empty
 * @param allowOrigins       {@code allow_origin} (Rill): the web pages of other origins that may
 *                           call what changes state (kick, reload); none by default
 * @param allowJsonpMutation {@code allow_jsonp_mutation} (Rill): JSONP may change state
 *                           ({@code method=DELETE}, {@code rpc=reload}), default off
 */
public record HttpApiConfig(boolean enabled, InetSocketAddress listen, boolean crossdomain, boolean rawApi,
                            boolean allowReload, boolean auth, String username, String password,
                            List<WebOrigin> allowOrigins, boolean allowJsonpMutation) {
    public static final int DEFAULT_PORT = 1985;

    public HttpApiConfig {
        allowOrigins = List.copyOf(allowOrigins);
    }

    /** Whether a page of {@code origin} may call what changes state ({@code allow_origin}). */
    public boolean allowsOrigin(WebOrigin origin) {
        return allowsAnyOrigin() || allowOrigins.contains(origin);
    }

    /** {@code allow_origin *}: every page may, as before Rill checked. */
    public boolean allowsAnyOrigin() {
        return allowOrigins.contains(WebOrigin.ANY);
    }

    static HttpApiConfig from(Directive root) {
        Directive api = root.get("http_api");
        Directive raw = api == null ? null : api.get("raw_api");
        Directive auth = api == null ? null : api.get("auth");
        List<WebOrigin> origins = new ArrayList<>();
        if (api != null) {
            for (Directive d : api.getAll("allow_origin")) {
                d.args().forEach(a -> origins.add(WebOrigin.parseAllowed(a)));
            }
        }
        return new HttpApiConfig(
                Values.flag(api, "enabled", false),
                ListenEndpoint.parse(Values.text(api, "listen", Integer.toString(DEFAULT_PORT))),
                Values.flag(api, "crossdomain", true),
                Values.flag(raw, "enabled", false),
                Values.flag(raw, "allow_reload", false),
                Values.flag(auth, "enabled", false),
                Values.text(auth, "username", ""),
                Values.text(auth, "password", ""),
                origins,
                Values.flag(api, "allow_jsonp_mutation", false));
    }
}
