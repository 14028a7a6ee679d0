package dev.rill.server.hls;

import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import dev.rill.codec.ts.AacConfig;
import dev.rill.codec.ts.TsMuxer;
import dev.rill.server.config.HlsConfig;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import dev.rill.server.files.RootedPath;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * Cuts one publisher's audio and video into MPEG-TS segments, as SRS 3's HLS controller does:
 * a segment starts at a keyframe (or the first audio of a stream without video); video cuts at the
 * first keyframe once the segment reaches {@code hls_fragment} (any frame with
 * {@code hls_wait_keyframe off}); audio cuts once it reaches {@code hls_fragment * hls_aof_ratio},
 * which is how pure audio is cut. Runs on the stream's writer thread only; callers hold the
 * stream's lock. Disk failures surface as IOException for the caller's {@code hls_on_error}.
 */
final class HlsSegmenter implements AutoCloseable {
    /** SRS does not cut a segment shorter than this (2 x SRS_HLS_SEGMENT_MIN_DURATION). */
    static final long MIN_SEGMENT_MS = 200;
    /** hls_ts_floor: the share of a fragment a segment may stretch or shrink to stay aligned. */
    static final double FLOOR_REAP_PERCENT = 0.3;
    /** hls_ts_floor: restart the alignment when it runs this many fragments ahead. */
    static final long FLOOR_JUMP_PIECES = 20;
    private static final int[] FLV_SOUND_RATES = {5512, 11025, 22050, 44100};

    private final HlsStream stream;
    private final HlsConfig config;
    private final ContextLog log;
    private final LongSupplier wallClock;
    private final ZoneId zone;
    private final TsMuxer muxer;
    private final ByteBuf staging;
    private final AudioClock audioClock = new AudioClock();
    private final long fragmentMs;
    private boolean videoExpected;
    private boolean discontinuityNext;
    private SegmentFile current;
    private long currentSeq;
    private String currentUri;
    private boolean currentDiscontinuity;
    private long startDts = -1;
    private long lastDts = -1;
    private long acceptFloorTs;
    private long deviationTs;
    private long listed;

    HlsSegmenter(HlsStream stream, HlsConfig config, ContextLog log, ByteBufAllocator alloc, LongSupplier wallClock,
                 ZoneId zone) {
        this.stream = stream;
        this.config = config;
        this.log = log;
        this.wallClock = wallClock;
        this.zone = zone;
        this.muxer = new TsMuxer(alloc);
        this.staging = alloc.heapBuffer(64 * 1024);
        this.fragmentMs = Math.round(config.fragmentSeconds() * 1000);
        this.discontinuityNext = stream.hasSegments();
    }

    /** Muxes one message; a bad media payload fails with RillException and writes nothing. */
    void onMessage(SharedMessage m) throws IOException {
        if (m.isVideo() && !config.videoDisabled()) {
            onVideo(m.timestamp(), m.payload());
        } else if (m.isAudio() && !config.audioDisabled()) {
            onAudio(m.timestamp(), m.payload());
        }
    }

    /** Closes the open segment and lists it; called when the publisher leaves. */
    void finish() throws IOException {
        if (current != null) {
            closeSegment(lastDts);
        }
    }

    /** Drops the open segment after a failure; the next one starts at the next chance. */
    void abandon() {
        if (current != null) {
            current.abandon();
            current = null;
        }
        staging.clear();
    }

    /** Segments this segmenter has listed in the playlist, the playlist written. */
    long listed() {
        return listed;
    }

    @Override
    public void close() {
        abandon();
        muxer.close();
        staging.release();
    }

    private void onVideo(long ts, ByteBuf payload) throws IOException {
        if (FlvVideo.isSequenceHeader(payload)) {
            muxer.writeVideo(staging, ts, payload);
            videoExpected = true;
            return;
        }
        boolean key = FlvVideo.isKeyframe(payload);
        if (current == null) {
            if (!key) {
                return;
            }
            openSegment(ts);
        } else if (overflow(ts, fragmentMs) && (key || !config.waitKeyframe())) {
            reap(ts);
        }
        muxer.writeVideo(staging, ts, payload);
        written(ts);
    }

    private void onAudio(long ts, ByteBuf payload) throws IOException {
        if (FlvAudio.isSequenceHeader(payload)) {
            muxer.writeAudio(staging, ts, payload);
            return;
        }
        long dts = config.dtsDirectly() ? ts : audioClock.next(ts, frameMs(payload));
        if (current == null) {
            if (videoExpected) {
                return;
            }
            openSegment(dts);
        } else if (overflow(dts, Math.round(fragmentMs * config.aofRatio()))) {
            reap(dts);
        }
        muxer.writeAudio(staging, dts, payload);
        written(dts);
    }

    private double frameMs(ByteBuf payload) {
        AacConfig aac = muxer.aacConfig();
        if (FlvAudio.soundFormat(payload) == FlvAudio.FORMAT_AAC && aac != null) {
            return 1024 * 1000.0 / aac.sampleRate();
        }
        int rate = FLV_SOUND_RATES[(payload.getUnsignedByte(payload.readerIndex()) >> 2) & 0x03];
        return 1152 * 1000.0 / rate;
    }

    private boolean overflow(long dts, long limitMs) {
        long duration = dts - startDts;
        long deviation = config.tsFloor() ? Math.round(FLOOR_REAP_PERCENT * deviationTs * fragmentMs) : 0;
        return duration >= MIN_SEGMENT_MS && duration >= limitMs + deviation;
    }

    private void written(long dts) throws IOException {
        lastDts = Math.max(lastDts, dts);
        if (staging.isReadable()) {
            current.write(staging);
        }
        staging.clear();
    }

    private void reap(long dts) throws IOException {
        closeSegment(dts);
        openSegment(dts);
    }

    private void openSegment(long dts) throws IOException {
        long now = wallClock.getAsLong();
        long seq = stream.takeSeq();
        String m3u8Url = m3u8Url(now);
        String tsUrl = HlsPaths.expand(config.tsFile(), stream.key, seq, timestampVariable(now), now, zone);
        SegmentFile file = SegmentFile.open(RootedPath.resolve(config.path(), tsUrl));
        current = file;
        currentSeq = seq;
        currentUri = HlsPaths.segmentUri(config.entryPrefix(), m3u8Url, tsUrl);
        currentDiscontinuity = discontinuityNext;
        discontinuityNext = false;
        startDts = dts;
        lastDts = dts;
        muxer.writeTables(staging);
        log.verbose("HLS segment {} open: {}", seq, file.file());
    }

    private void closeSegment(long endDts) throws IOException {
        muxer.flush(staging);
        current.write(staging);
        staging.clear();
        SegmentFile file = current;
        current = null;
        file.finish();
        long duration = Math.max(0, endDts - startDts);
        HlsSegment segment = new HlsSegment(currentSeq, currentUri, file.file(), duration, currentDiscontinuity);
        Path m3u8 = RootedPath.resolve(config.path(), m3u8Url(wallClock.getAsLong()));
        stream.addSegment(segment, m3u8, config, log);
        listed++;
        log.verbose("HLS segment {} done: {} ms, {}", currentSeq, duration, file.file());
    }

    private String m3u8Url(long now) {
        return HlsPaths.expand(config.m3u8File(), stream.key, currentSeq, Long.toString(now), now, zone);
    }

    /** [timestamp]: the wall clock in ms, or with hls_ts_floor SRS's aligned fragment index. */
    private String timestampVariable(long now) {
        if (!config.tsFloor()) {
            return Long.toString(now);
        }
        long currentFloorTs = now / fragmentMs;
        acceptFloorTs = acceptFloorTs == 0 ? currentFloorTs - 1 : acceptFloorTs + 1;
        if (acceptFloorTs - currentFloorTs > FLOOR_JUMP_PIECES) {
            acceptFloorTs = currentFloorTs - 1;
        }
        deviationTs = acceptFloorTs - currentFloorTs;
        return Long.toString(acceptFloorTs);
    }
}
