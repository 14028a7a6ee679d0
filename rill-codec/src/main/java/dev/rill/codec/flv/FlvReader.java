package dev.rill.codec.flv;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an FLV stream (FLV spec v10.1, annex E) incrementally: the header and PreviousTagSize0
 * first, then each tag together with the PreviousTagSize that follows it. Bytes are consumed only
 * when a whole unit is readable, so a caller feeds whatever arrived and calls {@link #next} again
 * when more comes. One reader serves one stream.
 *
 * <p>Checks: the header (see {@link FlvHeader}), DataSize against {@link FlvLimits#maxTagSize()}
 * (as soon as the tag header is readable), each PreviousTagSize against 11 + DataSize, and the
 * Filter bit (encrypted tags are refused). Tags of a type other than audio, video or script data
 * are skipped and counted, as SRS's FLV readers do, since a later FLV version or a vendor may add
 * types a live server can pass over.
 */
public final class FlvReader {
    private final FlvLimits limits;
    private FlvHeader header;
    private long skippedTags;

    public FlvReader(FlvLimits limits) {
        this.limits = limits;
    }

    public FlvReader() {
        this(FlvLimits.DEFAULT);
    }

    /**
     * The next tag, or null when {@code in} does not yet hold a whole one (then nothing of the
     * partial tag is consumed). The tag holds a retained slice of {@code in}: the caller releases
     * the tag.
     *
     * @throws RillException MEDIA_INVALID for a malformed header or tag, LIMIT_EXCEEDED for a tag
     *                       larger than the limit
     */
    public FlvTag next(ByteBuf in) {
        if (header == null && !readHeader(in)) {
            return null;
        }
        while (true) {
            if (in.readableBytes() < FlvWriter.TAG_HEADER_SIZE) {
                return null;
            }
            int at = in.readerIndex();
            int typeByte = in.getUnsignedByte(at);
            int dataSize = in.getUnsignedMedium(at + 1);
            checkTagHeader(typeByte, dataSize);
            int tagSize = FlvWriter.TAG_HEADER_SIZE + dataSize;
            if (in.readableBytes() < tagSize + FlvWriter.PREVIOUS_TAG_SIZE_SIZE) {
                return null;
            }
            long previousTagSize = in.getUnsignedInt(at + tagSize);
            if (previousTagSize != tagSize) {
                throw new RillException(ErrorCode.MEDIA_INVALID, "FLV PreviousTagSize " + previousTagSize
                        + " does not match tag size " + tagSize + " (11 + data " + dataSize + ")");
            }
            int type = typeByte & 0x1F;
            if (!FlvTag.isKnownType(type)) {
                in.skipBytes(tagSize + FlvWriter.PREVIOUS_TAG_SIZE_SIZE);
                skippedTags++;
                continue;
            }
            long timestamp = in.getUnsignedMedium(at + 4) | ((long) in.getUnsignedByte(at + 7) << 24);
            in.skipBytes(FlvWriter.TAG_HEADER_SIZE);
            ByteBuf data = in.readRetainedSlice(dataSize);
            in.skipBytes(FlvWriter.PREVIOUS_TAG_SIZE_SIZE);
            return new FlvTag(type, timestamp, data);
        }
    }

    /** The header once read, else null. */
    public FlvHeader header() {
        return header;
    }

    /** How many tags of an unknown type were skipped so far. */
    public long skippedTags() {
        return skippedTags;
    }

    /**
     * Reads every tag of a complete FLV file. The tags hold retained slices of {@code whole}; the
     * caller releases each tag (and {@code whole}, which this does not release).
     *
     * @throws RillException as {@link #next}, and MEDIA_INVALID when bytes are left after the last
     *                       whole tag
     */
    public static List<FlvTag> readAll(ByteBuf whole) {
        FlvReader reader = new FlvReader(FlvLimits.DEFAULT);
        List<FlvTag> tags = new ArrayList<>();
        try {
            FlvTag tag;
            while ((tag = reader.next(whole)) != null) {
                tags.add(tag);
            }
            if (reader.header == null || whole.isReadable()) {
                throw new RillException(ErrorCode.MEDIA_INVALID, "FLV truncated: " + whole.readableBytes()
                        + " bytes left after " + (reader.header == null ? "no header" : tags.size() + " tags"));
            }
            return tags;
        } catch (RuntimeException e) {
            tags.forEach(FlvTag::release);
            throw e;
        }
    }

    private boolean readHeader(ByteBuf in) {
        int length = FlvHeader.encodedLength(in);
        if (length < 0 || in.readableBytes() < length) {
            return false;
        }
        header = FlvHeader.read(in);
        return true;
    }

    private void checkTagHeader(int typeByte, int dataSize) {
        if ((typeByte & 0x20) != 0) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "FLV tag type " + (typeByte & 0x1F) + " has the Filter bit set: encrypted tags are not supported");
        }
        if (dataSize > limits.maxTagSize()) {
            throw new RillException(ErrorCode.LIMIT_EXCEEDED,
                    "FLV tag data size " + dataSize + " exceeds limit " + limits.maxTagSize());
        }
    }
}
