package dev.rill.codec.rtmp.chunk;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.control.Abort;
import dev.rill.codec.rtmp.control.Acknowledgement;
import dev.rill.codec.rtmp.control.SetChunkSize;
import dev.rill.codec.rtmp.control.WindowAckSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles RTMP chunks (spec 5.3) into {@link RtmpMessage}s; each message's payload is a buffer
 * this decoder allocated and the receiver owns.
 *
 * <p>Header rules, as SRS reads them: fmt 0 carries an absolute timestamp, fmt 1 and 2 a delta added
 * to the previous timestamp (unsigned 32-bit wrap); a fmt-3 chunk that starts a new message adds the
 * last timestamp field again (for a stream last described by fmt 0 that field is the absolute
 * timestamp). When the last fmt 0/1/2 header carried an extended timestamp, every fmt-3 chunk carries
 * the 4 bytes too (spec 5.3.1.3). A fresh chunk stream must start with fmt 0, or fmt 1 (librtmp sends
 * pings that way, SRS issue 98); a message that has begun continues with fmt-3 chunks only.
 *
 * <p>It applies the peer's protocol control itself and still passes those messages on: Set Chunk
 * Size changes the incoming chunk size for the chunks after it, Abort drops the partial message of
 * its chunk stream, Window Acknowledgement Size sets the acknowledgement window. Whenever the bytes
 * received since the last acknowledgement reach the window, it writes an {@link Acknowledgement}
 * from its own context, so a {@link ChunkEncoder} must sit between it and the head of the pipeline.
 *
 * <p>Fails with {@link RillException}: CHUNK_SIZE_INVALID, MESSAGE_TOO_LARGE, TOO_MANY_CHUNK_STREAMS,
 * CHUNK_INVALID, or MESSAGE_INVALID for a malformed control message, per {@link ChunkLimits}.
 */
public final class ChunkDecoder extends ByteToMessageDecoder {
    private static final long UINT32 = 0xFFFFFFFFL;

    private final ChunkLimits limits;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private int chunkSize = ChunkFormat.DEFAULT_CHUNK_SIZE;
    private long bytesReceived;
    private long bytesAtLastAck;
    private long ackWindow;
    /** A chunk was refused: the stream has lost its framing, so every later byte is dropped. */
    private boolean failed;

    public ChunkDecoder(ChunkLimits limits) {
        this.limits = limits;
    }

    /** Bytes this decoder has been given, plus those added with {@link #addBytesReceived}. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Counts bytes read before this decoder (the handshake), since acknowledgements cover them. */
    public void addBytesReceived(long bytes) {
        bytesReceived += bytes;
    }

    /** The incoming chunk size now in force. */
    public int chunkSize() {
        return chunkSize;
    }

    public long ackWindow() {
        return ackWindow;
    }

    /** Acknowledge every {@code window} bytes received; 0 sends no acknowledgements. */
    public void setAckWindow(long window) {
        ackWindow = window & UINT32;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            bytesReceived += buf.readableBytes();
        }
        super.channelRead(ctx, msg);
        acknowledgeIfDue(ctx);
    }

    private void acknowledgeIfDue(ChannelHandlerContext ctx) {
        if (ackWindow > 0 && bytesReceived - bytesAtLastAck >= ackWindow) {
            bytesAtLastAck = bytesReceived;
            ctx.writeAndFlush(new Acknowledgement(bytesReceived).toMessage(ctx.alloc()));
        }
    }

    /**
     * Consumes one whole chunk, or nothing until all of it has arrived. After a failure it drops
     * what is buffered and everything that follows, so the failure is reported once, not again for
     * the same bytes on the next read or when the connection closes.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeChunk(ctx, in, out);
        } catch (RillException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeChunk(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (start == end) {
            return;
        }
        int b0 = in.getUnsignedByte(start);
        int fmt = b0 >>> 6;
        int basicSize = switch (b0 & 0x3F) {
            case 0 -> 2;
            case 1 -> 3;
            default -> 1;
        };
        if (end - start < basicSize) {
            return;
        }
        int csid = switch (basicSize) {
            case 1 -> b0 & 0x3F;
            case 2 -> 64 + in.getUnsignedByte(start + 1);
            default -> 64 + in.getUnsignedShortLE(start + 1);
        };
        ChunkStream cs = stream(csid);
        checkFmt(cs, fmt);
        int header = start + basicSize;
        int headerEnd = header + ChunkFormat.messageHeaderSize(fmt);
        if (end < headerEnd) {
            return;
        }
        long field = fmt <= ChunkFormat.FMT_TIMESTAMP_ONLY ? in.getUnsignedMedium(header) : cs.timestampDelta;
        boolean extended = fmt <= ChunkFormat.FMT_TIMESTAMP_ONLY
                ? field == ChunkFormat.EXTENDED_TIMESTAMP : cs.extended;
        int length = fmt <= ChunkFormat.FMT_SAME_STREAM ? in.getUnsignedMedium(header + 3) : cs.length;
        if (fmt <= ChunkFormat.FMT_SAME_STREAM) {
            checkLength(csid, length);
        }
        int payloadStart = headerEnd + (extended ? 4 : 0);
        if (end < payloadStart) {
            return;
        }
        if (extended) {
            field = in.getUnsignedInt(headerEnd);
        }
        int piece = Math.min(chunkSize, length - cs.received());
        if (end - payloadStart < piece) {
            return;
        }
        if (cs.partial == null) {
            startMessage(ctx, cs, in, fmt, header, field, extended, length);
        }
        in.readerIndex(payloadStart);
        cs.partial.writeBytes(in, piece);
        if (cs.partial.readableBytes() == cs.length) {
            out.add(complete(cs));
        }
    }

    private ChunkStream stream(int csid) {
        ChunkStream cs = streams.get(csid);
        if (cs == null) {
            if (streams.size() >= limits.maxChunkStreams()) {
                throw new RillException(ErrorCode.TOO_MANY_CHUNK_STREAMS, "chunk stream " + csid
                        + " would be chunk stream number " + (streams.size() + 1) + ", limit "
                        + limits.maxChunkStreams());
            }
            cs = new ChunkStream(csid);
            streams.put(csid, cs);
        }
        return cs;
    }

    private static void checkFmt(ChunkStream cs, int fmt) {
        if (cs.partial != null && fmt != ChunkFormat.FMT_CONTINUATION) {
            throw new RillException(ErrorCode.CHUNK_INVALID, "chunk stream " + cs.csid + " got fmt " + fmt
                    + " after " + cs.received() + " of " + cs.length + " bytes of a message, expected fmt 3");
        }
        if (!cs.started && fmt > ChunkFormat.FMT_SAME_STREAM) {
            throw new RillException(ErrorCode.CHUNK_INVALID, "chunk stream " + cs.csid + " starts with fmt "
                    + fmt + ", expected fmt 0 or 1");
        }
    }

    private void checkLength(int csid, int length) {
        if (length > limits.maxMessageSize()) {
            throw new RillException(ErrorCode.MESSAGE_TOO_LARGE, "chunk stream " + csid + " message length "
                    + length + " exceeds limit " + limits.maxMessageSize());
        }
    }

    /** Takes the new message's header from this chunk (spec 5.3.1.2) and starts its payload. */
    private void startMessage(ChannelHandlerContext ctx, ChunkStream cs, ByteBuf in, int fmt, int header,
            long field, boolean extended, int length) {
        if (fmt == ChunkFormat.FMT_FULL) {
            cs.timestamp = field;
            cs.streamId = in.getIntLE(header + 7);
        } else {
            cs.timestamp = (cs.timestamp + field) & UINT32;
        }
        if (fmt <= ChunkFormat.FMT_SAME_STREAM) {
            cs.length = length;
            cs.typeId = in.getUnsignedByte(header + 6);
        }
        cs.timestampDelta = field;
        cs.extended = extended;
        cs.started = true;
        // Grows as chunks arrive, so a declared length costs memory only once its bytes are here.
        cs.partial = length == 0 ? Unpooled.EMPTY_BUFFER : ctx.alloc().buffer(Math.min(length, chunkSize), length);
    }

    private RtmpMessage complete(ChunkStream cs) {
        RtmpMessage msg = new RtmpMessage(cs.csid, cs.typeId, cs.timestamp, cs.streamId, cs.partial);
        cs.partial = null;
        try {
            applyControl(msg);
            return msg;
        } catch (RuntimeException e) {
            msg.release();
            throw e;
        }
    }

    private void applyControl(RtmpMessage msg) {
        switch (msg.typeId()) {
            case MessageType.SET_CHUNK_SIZE -> applyChunkSize(SetChunkSize.decode(msg).chunkSize());
            case MessageType.ABORT -> {
                ChunkStream aborted = streams.get(Abort.decode(msg).chunkStreamId());
                if (aborted != null) {
                    aborted.dropPartial();
                }
            }
            case MessageType.WINDOW_ACK_SIZE -> setAckWindow(WindowAckSize.decode(msg).size());
            default -> {
            }
        }
    }

    /** Spec 5.4.1 allows 1..2^31-1; like SRS, Rill takes 128 up to its limit. */
    private void applyChunkSize(int size) {
        if (size < ChunkFormat.MIN_PEER_CHUNK_SIZE || size > limits.maxChunkSize()) {
            throw new RillException(ErrorCode.CHUNK_SIZE_INVALID, "peer set chunk size "
                    + Integer.toUnsignedString(size) + ", allowed " + ChunkFormat.MIN_PEER_CHUNK_SIZE + ".."
                    + limits.maxChunkSize());
        }
        chunkSize = size;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        for (ChunkStream cs : streams.values()) {
            cs.dropPartial();
        }
        streams.clear();
    }
}
