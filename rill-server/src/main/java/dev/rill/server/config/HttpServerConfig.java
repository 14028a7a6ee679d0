package dev.rill.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The root {@code http_server { }} block, with SRS's defaults: it serves static files from
 * {@code dir}, the live HTTP streams of every vhost's {@code http_remux}, and Rill's player page.
 *
 * @param enabled     {@code enabled}, default off
 * @param listen      {@code listen}, {@code port} or {@code ip:port}, default 8080 (0.0.0.0)
 * @param dir         {@code dir}, the static files' root, default {@value #DEFAULT_DIR} (from work_dir)
 * @param crossdomain {@code crossdomain}, default on: CORS headers on every response
 */
public record HttpServerConfig(boolean enabled, InetSocketAddress listen, Path dir, boolean crossdomain) {
    public static final String DEFAULT_LISTEN = "8080";
    public static final String DEFAULT_DIR = "./objs/nginx/html";

    /** Reads the root's {@code http_server}; a relative {@code dir} is read from {@code workDir}. */
    static HttpServerConfig from(Directive root, Path workDir) {
        Directive block = root.get("http_server");
        return new HttpServerConfig(
                Values.flag(block, "enabled", false),
                ListenEndpoint.parse(Values.text(block, "listen", DEFAULT_LISTEN)),
                workDir.resolve(Values.text(block, "dir", DEFAULT_DIR)).normalize(),
                Values.flag(block, "crossdomain", true));
    }
}
