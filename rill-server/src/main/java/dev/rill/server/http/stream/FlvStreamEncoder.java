package dev.rill.server.http.stream;

import dev.rill.codec.flv.FlvWriter;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.server.live.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.List;

/**
 * FLV over HTTP (FLV spec v10.1, annex E): the file header flagged audio and video, as SRS 3
 * writes it whatever the stream holds, then one tag per audio, video or AMF0 data message. The
 * payload is the shared buffer itself; only the 11-byte tag header and 4-byte PreviousTagSize are
 * new per message.
 */
final class FlvStreamEncoder implements StreamEncoder, RunEncoder {
    private static final byte[] HEADER = {'F', 'L', 'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0};

    @Override
    public ByteBuf header(ByteBufAllocator alloc) {
        return alloc.buffer(HEADER.length).writeBytes(HEADER);
    }

    @Override
    public void encode(SharedMessage msg, long timestamp, CompositeByteBuf out) {
        if (!carries(msg)) {
            return;
        }
        int type = msg.typeId();
        ByteBuf header = out.alloc().buffer(FlvWriter.TAG_HEADER_SIZE);
        FlvWriter.writeTagHeader(header, type, timestamp, msg.size());
        ByteBuf trailer = out.alloc().buffer(FlvWriter.PREVIOUS_TAG_SIZE_SIZE);
        FlvWriter.writePreviousTagSize(trailer, FlvWriter.TAG_HEADER_SIZE + msg.size());
        out.addComponent(true, header);
        out.addComponent(true, msg.payload().retainedDuplicate());
        out.addComponent(true, trailer);
    }

    /** The run's tags copied into one buffer: shared by every player with the same timestamps. */
    @Override
    public ByteBuf encodeRun(ByteBufAllocator alloc, List<SharedMessage> messages, long[] timestamps) {
        int bytes = 0;
        for (int i = 0, n = messages.size(); i < n; i++) {
            SharedMessage m = messages.get(i);
            if (carries(m)) {
                bytes += FlvWriter.TAG_HEADER_SIZE + m.size() + FlvWriter.PREVIOUS_TAG_SIZE_SIZE;
            }
        }
        ByteBuf out = alloc.directBuffer(bytes);
        try {
            for (int i = 0, n = messages.size(); i < n; i++) {
                SharedMessage m = messages.get(i);
                if (carries(m)) {
                    FlvWriter.writeTag(out, m.typeId(), timestamps[i], m.payload());
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static boolean carries(SharedMessage m) {
        int type = m.typeId();
        return type == MessageType.AUDIO || type == MessageType.VIDEO || type == MessageType.DATA_AMF0;
    }
}
