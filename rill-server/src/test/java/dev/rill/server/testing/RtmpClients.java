package dev.rill.server.testing;

import dev.rill.server.rtmp.client.RtmpClientConnector;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Event loops for the Rill-client players and publishers of one test class:
 * {@code @RegisterExtension static final RtmpClients CLIENTS = new RtmpClients();}, then
 * {@code CLIENTS.connector()}.
 */
public final class RtmpClients implements BeforeAllCallback, AfterAllCallback {
    private EventLoopGroup group;
    private RtmpClientConnector connector;

    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        connector = new RtmpClientConnector(group);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public RtmpClientConnector connector() {
        return connector;
    }

    public EventLoopGroup group() {
        return group;
    }
}
