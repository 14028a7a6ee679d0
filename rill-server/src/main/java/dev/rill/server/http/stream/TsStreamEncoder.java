package dev.rill.server.http.stream;

import dev.rill.codec.RillException;
import dev.rill.codec.ts.TsMuxer;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * MPEG-TS over HTTP, as SRS's {@code .ts} mount: one {@link TsMuxer} per player, so the stream
 * starts with the PAT and PMT (written before the first PES, and again if the codecs change), then
 * H.264 from the first keyframe (the GOP cache's) with SPS/PPS before every keyframe, and AAC or
 * MP3 audio. Video before the first keyframe is skipped: a decoder could not use it. A message the
 * muxer refuses (another codec, a frame before its sequence header) is skipped; the first refusal
 * is logged and the count at the end, so a bad stream gives two lines, not one per frame.
 */
final class TsStreamEncoder implements StreamEncoder {
    /** Room for a frame's TS packet headers, PES header, AUD and SPS/PPS (grown as needed). */
    private static final int OVERHEAD = 512;

    private final ContextLog log;
    private TsMuxer muxer;
    private boolean keyframeSeen;
    private long refused;

    TsStreamEncoder(ContextLog log) {
        this.log = log;
    }

    @Override
    public ByteBuf header(ByteBufAllocator alloc) {
        muxer = new TsMuxer(alloc);
        return Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void encode(SharedMessage msg, long timestamp, CompositeByteBuf out) {
        if (!msg.isAv() || muxer == null) {
            return;
        }
        if (msg.isVideo() && !msg.isSequenceHeader() && !keyframeSeen) {
            if (!msg.isKeyframe()) {
                return;
            }
            keyframeSeen = true;
        }
        ByteBuf ts = out.alloc().buffer(msg.size() + msg.size() / 16 + OVERHEAD);
        try {
            if (msg.isVideo()) {
                muxer.writeVideo(ts, timestamp, msg.payload().duplicate());
            } else {
                muxer.writeAudio(ts, timestamp, msg.payload().duplicate());
            }
        } catch (RillException e) {
            if (refused++ == 0) {
                log.warn("HTTP-TS: skipping what MPEG-TS cannot carry: {}", e.getMessage());
            }
        }
        add(ts, out);
    }

    @Override
    public void end(CompositeByteBuf out) {
        if (muxer == null) {
            return;
        }
        ByteBuf ts = out.alloc().buffer(TsMuxer.DEFAULT_MAX_AUDIO_DELAY_MS * 64 + OVERHEAD);
        muxer.flush(ts);
        add(ts, out);
    }

    @Override
    public void close() {
        if (muxer != null) {
            muxer.close();
        }
        if (refused > 1) {
            log.warn("HTTP-TS: skipped {} messages MPEG-TS cannot carry", refused);
        }
    }

    private static void add(ByteBuf ts, CompositeByteBuf out) {
        if (ts.isReadable()) {
            out.addComponent(true, ts);
        } else {
            ts.release();
        }
    }
}
