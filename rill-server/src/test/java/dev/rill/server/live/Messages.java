package dev.rill.server.live;

import dev.rill.codec.amf.Amf0;
import dev.rill.codec.rtmp.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** Small FLV-shaped shared messages for the live tests; each starts with one reference, the test's. */
final class Messages {
    private Messages() {
    }

    static SharedMessage keyframe(long ts) {
        return video(ts, 0x17, 0x01);
    }

    static SharedMessage interFrame(long ts) {
        return video(ts, 0x27, 0x01);
    }

    static SharedMessage videoHeader(long ts) {
        return video(ts, 0x17, 0x00);
    }

    static SharedMessage audio(long ts) {
        return new SharedMessage(MessageType.AUDIO, ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0x01, 0x21}));
    }

    static SharedMessage audioHeader(long ts) {
        return new SharedMessage(MessageType.AUDIO, ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0x00, 0x12, 0x10}));
    }

    /** A type 18 message with these AMF0 values. */
    static SharedMessage data(long ts, Object... values) {
        ByteBuf payload = Unpooled.buffer();
        Amf0.writeAll(payload, values);
        return new SharedMessage(MessageType.DATA_AMF0, ts, payload);
    }

    static void releaseAll(List<SharedMessage> messages) {
        for (SharedMessage m : messages) {
            m.release();
        }
        messages.clear();
    }

    static List<Long> timestamps(List<SharedMessage> messages) {
        List<Long> out = new ArrayList<>();
        for (SharedMessage m : messages) {
            out.add(m.timestamp());
        }
        return out;
    }

    private static SharedMessage video(long ts, int first, int packetType) {
        return new SharedMessage(MessageType.VIDEO, ts,
                Unpooled.wrappedBuffer(new byte[] {(byte) first, (byte) packetType, 0, 0, 0, 0x65}));
    }
}
