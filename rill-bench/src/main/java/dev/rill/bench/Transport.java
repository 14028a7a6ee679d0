package dev.rill.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The client event loops: epoll where the native transport loads, else NIO. */
record Transport(EventLoopGroup group, Class<? extends SocketChannel> channelClass, String name) {
    static Transport create(int threads) {
        if (Epoll.isAvailable()) {
            return new Transport(new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
                    EpollSocketChannel.class, "epoll");
        }
        return new Transport(new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
                NioSocketChannel.class, "nio");
    }

    /** A client bootstrap on these loops: no Nagle delay, a 10 s connect timeout, {@code handler} set up. */
    Bootstrap bootstrap(ChannelHandler handler) {
        return new Bootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(handler);
    }

    void shutdown() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
