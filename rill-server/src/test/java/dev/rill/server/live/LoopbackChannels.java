package dev.rill.server.live;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real client channels connected over loopback to a server that ignores them, on NIO loops, for
 * players under test (an embedded channel's loop cannot stand in: players need a loop that runs
 * timers and has a termination future).
 */
final class LoopbackChannels implements AutoCloseable {
    private final EventLoopGroup loops;
    private final Channel server;
    private final List<Channel> clients = new ArrayList<>();

    LoopbackChannels(int loopCount) {
        loops = new MultiThreadIoEventLoopGroup(loopCount, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** A new client channel, on the group's next loop. */
    Channel connect() {
        return connect(loops);
    }

    /** A new client channel on {@code loop}. */
    Channel connectOn(EventLoop loop) {
        return connect(loop);
    }

    private Channel connect(EventLoopGroup group) {
        Channel c = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress())
                .syncUninterruptibly().channel();
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(Channel::close);
        server.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
