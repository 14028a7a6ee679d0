package dev.rill.bench;

import dev.rill.codec.flv.FlvReader;
import dev.rill.codec.flv.FlvTag;
import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tags of an FLV file, looped forever: each pass's timestamps are rebased to follow the
 * previous pass by one frame interval. Metadata and sequence headers go out on the first pass only,
 * as an encoder sends them once. Tracked messages are identified by {@link PayloadKey}.
 */
final class FlvFileSource implements MediaSource {
    private static final long DEFAULT_FRAME_MS = 33;

    private final ByteBuf whole;
    private final List<FlvTag> tags;
    private final long firstTimestamp;
    private final long passLength;
    private int index;
    private long passOffset;
    private boolean firstPass = true;

    FlvFileSource(Path file) throws IOException {
        this.whole = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        try {
            this.tags = FlvReader.readAll(whole);
        } catch (RuntimeException e) {
            whole.release();
            throw new IllegalArgumentException("cannot read FLV file " + file + ": " + e.getMessage(), e);
        }
        if (tags.stream().noneMatch(t -> t.isVideo() && !FlvVideo.isSequenceHeader(t.payload()))) {
            close();
            throw new IllegalArgumentException("FLV file " + file + " holds no video frames");
        }
        this.firstTimestamp = tags.get(0).timestamp();
        long last = tags.get(tags.size() - 1).timestamp();
        this.passLength = last - firstTimestamp + frameInterval(tags);
        skipHeadersAfterFirstPass();
    }

    private static long frameInterval(List<FlvTag> tags) {
        List<FlvTag> video = tags.stream().filter(FlvTag::isVideo).toList();
        if (video.size() < 2) {
            return DEFAULT_FRAME_MS;
        }
        long span = video.get(video.size() - 1).timestamp() - video.get(0).timestamp();
        return Math.max(1, span / (video.size() - 1));
    }

    private FlvTag current() {
        return tags.get(index);
    }

    @Override
    public int nextType() {
        return current().type();
    }

    @Override
    public long nextTimestamp() {
        return current().timestamp() - firstTimestamp + passOffset;
    }

    @Override
    public boolean nextIsTracked() {
        return current().isVideo() && !FlvVideo.isSequenceHeader(current().payload());
    }

    @Override
    public boolean stamped() {
        return false;
    }

    @Override
    public ByteBuf take(ByteBufAllocator alloc, long seq, long sendNanos) {
        ByteBuf payload = current().payload().retainedDuplicate();
        index++;
        skipHeadersAfterFirstPass();
        return payload;
    }

    /** Moves past the end of a pass (starting the next) and past tags sent only on the first. */
    private void skipHeadersAfterFirstPass() {
        while (true) {
            if (index == tags.size()) {
                index = 0;
                passOffset += passLength;
                firstPass = false;
            }
            if (firstPass || !onceOnly(current())) {
                return;
            }
            index++;
        }
    }

    private static boolean onceOnly(FlvTag tag) {
        return tag.isScript()
                || (tag.isVideo() && FlvVideo.isSequenceHeader(tag.payload()))
                || (tag.isAudio() && FlvAudio.isSequenceHeader(tag.payload()));
    }

    @Override
    public void close() {
        tags.forEach(FlvTag::release);
        whole.release();
    }
}
