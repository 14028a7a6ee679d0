package dev.rill.server.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;

/**
 * Sends a buffer straight to a native socket (one {@code send}) when its channel has nothing
 * pending, so a write that the socket takes whole costs no reference, outbound-buffer entry,
 * promise or flush. Only the channel's own event loop may call it: that is where the socket is
 * closed (Netty closes it elsewhere only with an {@code SO_LINGER}, which Rill never sets), so the
 * descriptor cannot be closed, and its number reused, between the check and the send; and that
 * is where every other write is made, so nothing can be ordered before it.
 */
final class DirectSend {
    private DirectSend() {
    }

    /**
     * Sends {@code buf}'s readable bytes, leaving its indexes alone, and returns how many the
     * socket took: 0 when the channel is not a native socket, has writes pending, or the send
     * failed (the caller writes everything through the pipeline, which meets the same error and
     * closes the channel as for any write).
     */
    static int send(Channel channel, ByteBuf buf) {
        if (!(channel instanceof UnixChannel unix) || !(unix.fd() instanceof Socket socket)
                || !socket.isOpen() || !buf.hasMemoryAddress() || !channel.eventLoop().inEventLoop()) {
            return 0;
        }
        // Counts every entry, flushed or not, each with its overhead, so even an empty write shows.
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending == null || pending.totalPendingWriteBytes() != 0) {
            return 0;
        }
        try {
            return socket.sendAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex());
        } catch (IOException e) {
            return 0;
        }
    }
}
