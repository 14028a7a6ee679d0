package dev.rill.codec.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One FLV tag (FLV spec v10.1, annex E.4.1): its type, its 32-bit timestamp in milliseconds and its
 * data. The StreamID field is always 0 in FLV and is not kept. The holder owns the data: whoever
 * holds the tag releases it once.
 */
public final class FlvTag extends DefaultByteBufHolder {
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;

    private final int type;
    private final long timestamp;

    /**
     * @param type      {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
     * @param timestamp the absolute timestamp; only its low 32 bits are kept
     * @param data      the tag data, owned by the tag from now on
     */
    public FlvTag(int type, long timestamp, ByteBuf data) {
        super(data);
        this.type = type;
        this.timestamp = timestamp & 0xFFFFFFFFL;
        if (!isKnownType(type)) {
            data.release();
            throw new IllegalArgumentException("FLV tag type " + type + " is not 8, 9 or 18");
        }
    }

    /** True for the tag types annex E.4.1 defines: audio, video and script data. */
    public static boolean isKnownType(int type) {
        return type == AUDIO || type == VIDEO || type == SCRIPT;
    }

    public int type() {
        return type;
    }

    /** Unsigned 32-bit milliseconds: the 24-bit Timestamp with TimestampExtended as its top byte. */
    public long timestamp() {
        return timestamp;
    }

    public ByteBuf payload() {
        return content();
    }

    public boolean isAudio() {
        return type == AUDIO;
    }

    public boolean isVideo() {
        return type == VIDEO;
    }

    public boolean isScript() {
        return type == SCRIPT;
    }

    @Override
    public FlvTag replace(ByteBuf content) {
        return new FlvTag(type, timestamp, content);
    }

    @Override
    public FlvTag retain() {
        super.retain();
        return this;
    }

    @Override
    public FlvTag retainedDuplicate() {
        return (FlvTag) super.retainedDuplicate();
    }

    @Override
    public String toString() {
        return "FlvTag{type=" + type + ", ts=" + timestamp + ", len=" + content().readableBytes() + "}";
    }
}
