package dev.rill.codec.rtmp.command;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.Amf0;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An RTMP data message (RTMP spec 7.1.2): a handler name and values, such as
 * {@code @setDataFrame, onMetaData, {...}} from an encoder or {@code onMetaData, {...}} to a player.
 * Type 15 (AMF3) carries a 0x00 format byte before AMF0 values, as encoders send it.
 */
public record DataMessage(String name, List<Object> values) {
    public static final String SET_DATA_FRAME = "@setDataFrame";
    public static final String ON_META_DATA = "onMetaData";

    public DataMessage {
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static boolean isData(int typeId) {
        return typeId == MessageType.DATA_AMF0 || typeId == MessageType.DATA_AMF3;
    }

    public static DataMessage decode(RtmpMessage msg, AmfLimits limits) {
        return decode(msg.typeId(), msg.payload(), limits);
    }

    /** Decodes a type 18 or 15 payload without changing its indexes or reference count. */
    public static DataMessage decode(int typeId, ByteBuf payload, AmfLimits limits) {
        ByteBuf in = payload.duplicate();
        try {
            if (typeId == MessageType.DATA_AMF3 && in.isReadable()) {
                in.skipBytes(1);
            }
            List<Object> all = Amf0.readAll(in, limits);
            if (all.isEmpty() || !(all.get(0) instanceof String name)) {
                throw new RillException(ErrorCode.MESSAGE_INVALID, "data message does not start with a name string");
            }
            return new DataMessage(name, all.subList(1, all.size()));
        } catch (RillException e) {
            throw RillException.wrap("decode data message (type " + typeId + ")", e);
        }
    }

    /**
     * The metadata this message carries: for {@code @setDataFrame, onMetaData, obj} and for
     * {@code onMetaData, obj}, the object (AmfObject or AmfEcmaArray); otherwise null.
     */
    public Object metadata() {
        if (SET_DATA_FRAME.equals(name) && values.size() >= 2 && ON_META_DATA.equals(values.get(0))) {
            return values.get(1);
        }
        if (ON_META_DATA.equals(name) && !values.isEmpty()) {
            return values.get(0);
        }
        return null;
    }

    public ByteBuf encodePayload(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(256);
        try {
            Amf0.write(out, name);
            for (Object v : values) {
                Amf0.write(out, v);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    public RtmpMessage encode(ByteBufAllocator alloc, long timestamp, int messageStreamId) {
        return new RtmpMessage(ChunkStreamId.OVER_STREAM, MessageType.DATA_AMF0, timestamp, messageStreamId,
                encodePayload(alloc));
    }
}
