package dev.rill.codec.rtmp.client;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.command.Command;
import dev.rill.codec.rtmp.command.DataMessage;
import dev.rill.codec.rtmp.control.SetChunkSize;
import dev.rill.codec.rtmp.control.UserControl;
import dev.rill.codec.rtmp.handshake.HandshakeCompleted;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The client side of an RTMP session, as ffmpeg and FMLE drive it: after the handshake, connect;
 * then createStream and play, or releaseStream, FCPublish, createStream and publish. Used by the
 * load tool, by forwarders and edges, and by tests. Knows nothing of sockets: the caller builds
 * the pipeline (client handshake, chunk decoder, chunk encoder, this).
 */
public final class RtmpClientHandler extends ChannelInboundHandlerAdapter {
    /** PLAY and PUBLISH open a stream; CONNECT stops at the connect answer (an edge's token check). */
    public enum Mode { PLAY, PUBLISH, CONNECT }

    private static final double TID_CONNECT = 1;
    private static final double TID_RELEASE = 2;
    private static final double TID_FCPUBLISH = 3;
    private static final double TID_CREATE_STREAM = 4;
    private static final int BUFFER_LENGTH_MS = 3000;

    private final String tcUrl;
    private final String app;
    private final String streamName;
    private final Mode mode;
    private final int outChunkSize;
    private final RtmpClientListener listener;
    private final AmfLimits amfLimits;
    private ChannelHandlerContext ctx;
    private int streamId;
    private boolean started;

    public RtmpClientHandler(String tcUrl, String app, String streamName, Mode mode, int outChunkSize,
                             RtmpClientListener listener) {
        this.tcUrl = tcUrl;
        this.app = app;
        this.streamName = streamName;
        this.mode = mode;
        this.outChunkSize = outChunkSize;
        this.listener = listener;
        this.amfLimits = AmfLimits.DEFAULT;
    }

    public boolean isStarted() {
        return started;
    }

    public int streamId() {
        return streamId;
    }

    /**
     * Publishes one audio, video or data message (takes ownership of {@code payload}); call on the
     * connection's event loop or from any thread (Netty hands the write over).
     */
    public ChannelFuture publish(int typeId, long timestamp, ByteBuf payload, boolean flush) {
        if (!started || mode != Mode.PUBLISH) {
            payload.release();
            throw new IllegalStateException("not publishing");
        }
        RtmpMessage msg = new RtmpMessage(ChunkStreamId.forType(typeId), typeId, timestamp, streamId, payload);
        return flush ? ctx.writeAndFlush(msg) : ctx.write(msg);
    }

    /**
     * Sends {@code pause} on the play stream (true pauses, false resumes) at {@code positionMs};
     * the server answers NetStream.Pause.Notify or NetStream.Unpause.Notify. Callable from any thread.
     */
    public ChannelFuture pause(boolean pause, double positionMs) {
        if (!started || mode != Mode.PLAY) {
            throw new IllegalStateException("not playing");
        }
        return ctx.writeAndFlush(Command.of("pause", 0, null, pause, positionMs).encode(ctx.alloc(), streamId));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HandshakeCompleted) {
            if (mode == Mode.PUBLISH) {
                ctx.write(new SetChunkSize(outChunkSize).toMessage(ctx.alloc()));
            }
            AmfObject obj = AmfObject.of("app", app, "flashVer", "LNX 9,0,124,2", "tcUrl", tcUrl,
                    "fpad", false, "capabilities", 15.0, "audioCodecs", 4071.0, "videoCodecs", 252.0,
                    "videoFunction", 1.0);
            if (mode == Mode.PUBLISH) {
                obj.put("type", "nonprivate");
            }
            send(Command.of("connect", TID_CONNECT, obj), 0);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtmpMessage m)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (Command.isCommand(m.typeId())) {
                onCommand(Command.decode(m, amfLimits));
            } else if (MessageType.isMedia(m.typeId()) || DataMessage.isData(m.typeId())) {
                if (started) {
                    listener.onMessage(m);
                }
            } else if (m.typeId() == MessageType.USER_CONTROL) {
                UserControl uc = UserControl.decode(m);
                if (uc.eventType() == UserControl.PING_REQUEST) {
                    ctx.writeAndFlush(UserControl.pingResponse(uc.timestamp()).toMessage(ctx.alloc()));
                } else if (uc.eventType() == UserControl.PING_RESPONSE) {
                    listener.onPingResponse(uc.timestamp());
                }
            }
        } finally {
            m.release();
        }
    }

    /**
     * Asks the server for a ping response (User Control PingRequest, answered by SRS, nginx-rtmp and
     * Rill at any time), a keep-alive that shows the server is there when no stream flows. Call on
     * the connection's event loop.
     */
    public void ping(long timestamp) {
        ctx.writeAndFlush(UserControl.pingRequest(timestamp).toMessage(ctx.alloc()));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        listener.onWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.onError(cause);
        ctx.close();
    }

    private void onCommand(Command c) {
        switch (c.name()) {
            case "_result" -> onResult(c);
            case "_error" -> refuse(c);
            case "onStatus" -> onStatus(c);
            default -> {
                // onBWDone, onFCPublish and the like need no answer.
            }
        }
    }

    private void onResult(Command c) {
        if (c.transactionId() == TID_CONNECT) {
            if (mode == Mode.CONNECT) {
                started = true;
                listener.onStarted(this);
                return;
            }
            if (mode == Mode.PUBLISH) {
                send(Command.of("releaseStream", TID_RELEASE, null, streamName), 0);
                send(Command.of("FCPublish", TID_FCPUBLISH, null, streamName), 0);
            }
            send(Command.of("createStream", TID_CREATE_STREAM, null), 0);
        } else if (c.transactionId() == TID_CREATE_STREAM) {
            if (!(c.arg(0) instanceof Number id)) {
                throw new RillException(ErrorCode.COMMAND_INVALID, "createStream result without a stream id");
            }
            streamId = id.intValue();
            if (mode == Mode.PLAY) {
                send(Command.of("play", 0, null, streamName, -2.0), streamId);
                ctx.writeAndFlush(UserControl.setBufferLength(streamId, BUFFER_LENGTH_MS).toMessage(ctx.alloc()));
            } else {
                send(Command.of("publish", 0, null, streamName, "live"), streamId);
            }
        }
    }

    private void onStatus(Command c) {
        AmfObject info = c.arg(0) instanceof AmfObject o ? o : new AmfObject();
        String code = info.getString("code");
        listener.onStatus(code, info);
        if ("error".equals(info.getString("level"))) {
            refuse(c);
            return;
        }
        if ("NetStream.Publish.Start".equals(code) || "NetStream.Play.Start".equals(code)) {
            started = true;
            listener.onStarted(this);
        }
    }

    private void refuse(Command c) {
        AmfObject info = c.arg(0) instanceof AmfObject o ? o : new AmfObject();
        listener.onRefused(info.getString("code"), info.getString("description"));
        ctx.close();
    }

    private void send(Command c, int msgStreamId) {
        ctx.writeAndFlush(c.encode(ctx.alloc(), msgStreamId));
    }
}
