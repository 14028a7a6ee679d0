package dev.rill.server.testing;

import dev.rill.server.RillServer;
import dev.rill.server.config.RillConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A Rill server on a free loopback port, configured from SRS-syntax text. */
public final class TestServer implements AutoCloseable {
    private final RillServer server;

    private TestServer(RillServer server) {
        this.server = server;
    }

    /** {@code vhostBody} goes inside {@code vhost __defaultVhost__ { ... }}. */
    public static TestServer start(String rootExtra, String vhostBody) throws InterruptedException {
        String text = "listen 127.0.0.1:0;\ndaemon off;\nsrs_log_tank console;\n" + rootExtra
                + "\nvhost __defaultVhost__ {\n" + vhostBody + "\n}\n";
        RillConfig config = RillConfig.parse(text, Path.of("test.conf"));
        return new TestServer(new RillServer(config).start());
    }

    public static TestServer start() throws InterruptedException {
        return start("", "");
    }

    public InetSocketAddress rtmp() {
        return server.rtmpAddresses().get(0);
    }

    public String url(String app, String stream) {
        return "rtmp://127.0.0.1:" + rtmp().getPort() + "/" + app + "/" + stream;
    }

    /** The bound address of the {@code http_server} (null when it is not enabled). */
    public InetSocketAddress http() {
        return server.httpAddress(RillServer.HTTP_SERVER);
    }

    /** {@code http://127.0.0.1:PORT} + {@code path} on the {@code http_server}. */
    public String httpUrl(String path) {
        return "http://127.0.0.1:" + http().getPort() + path;
    }

    /** Where the HTTP listener named {@code name} ("HTTP API", ...) listens. */
    public InetSocketAddress httpAddress(String name) {
        return server.httpAddress(name);
    }

    public RillServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
