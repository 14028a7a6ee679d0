package dev.rill.server.rtmp;

import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.server.live.RunKey;
import dev.rill.server.live.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * What the RTMP encoding of a live run with fmt-1 headers depends on: the chunk size and each
 * message's timestamp delta from the previous message on its chunk stream ({@link #key}). The
 * stream id is not in it (a fmt-1 header inherits it from that previous message) and neither is
 * where a player's timestamps start, so players with equal keys write identical bytes for the run.
 */
final class DeltaRunKey {
    private final RunKey key = new RunKey();
    private int chunkSize;
    private long[] deltas = new long[64];
    private int size;
    /** The video and audio timestamps the client has after the run {@link #set} last accepted. */
    private long lastVideo;
    private long lastAudio;

    /**
     * Makes this the key of {@code messages} for a player whose corrected timestamps for them are
     * {@code timestamps} and whose client last got {@code lastVideo} and {@code lastAudio} (-1 for
     * none) on the video and audio chunk streams. False when a message cannot be sent with a delta:
     * it is neither audio nor video, its chunk stream has had nothing yet, its timestamp goes back,
     * or it needs an extended timestamp.
     */
    boolean set(int chunkSize, List<SharedMessage> messages, long[] timestamps, long lastVideo, long lastAudio) {
        int n = messages.size();
        if (deltas.length < n) {
            deltas = new long[Math.max(n, deltas.length * 2)];
        }
        long video = lastVideo;
        long audio = lastAudio;
        for (int i = 0; i < n; i++) {
            SharedMessage m = messages.get(i);
            long ts = timestamps[i];
            if (!ChunkWriter.fitsTimestampField(ts)) {
                return false;
            }
            long previous;
            if (m.isVideo()) {
                previous = video;
                video = ts;
            } else if (m.isAudio()) {
                previous = audio;
                audio = ts;
            } else {
                return false;
            }
            if (previous < 0 || ts < previous) {
                return false;
            }
            deltas[i] = ts - previous;
        }
        this.chunkSize = chunkSize;
        this.size = n;
        key.set(DeltaRunKey.class, chunkSize, deltas, n);
        this.lastVideo = video;
        this.lastAudio = audio;
        return true;
    }

    /** The key of the run {@link #set} last accepted; a player leaves a copy with the encoding. */
    RunKey key() {
        return key;
    }

    /** The client's last video timestamp once the accepted run is written. */
    long lastVideo() {
        return lastVideo;
    }

    /** The client's last audio timestamp once the accepted run is written. */
    long lastAudio() {
        return lastAudio;
    }

    /** The run's messages, each with its fmt-1 header and chunked body, in one new buffer. */
    ByteBuf encode(ByteBufAllocator alloc, List<SharedMessage> messages) {
        int bytes = 0;
        for (int i = 0; i < size; i++) {
            SharedMessage m = messages.get(i);
            int csid = m.chunkStreamId();
            bytes += ChunkWriter.deltaHeaderSize(csid) + ChunkWriter.bodySize(m.size(), chunkSize, csid, 0);
        }
        ByteBuf out = alloc.directBuffer(bytes);
        try {
            for (int i = 0; i < size; i++) {
                SharedMessage m = messages.get(i);
                int csid = m.chunkStreamId();
                ChunkWriter.writeDeltaHeader(out, csid, deltas[i], m.size(), m.typeId());
                ChunkWriter.writeBody(out, m.payload(), chunkSize, csid, 0);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
