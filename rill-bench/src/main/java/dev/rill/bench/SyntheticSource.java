package dev.rill.bench;

import dev.rill.codec.amf.AmfEcmaArray;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.command.DataMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated H.264/AAC stream: onMetaData, the AVC and AAC sequence headers, then stamped AVC
 * frames at {@code fps} (a keyframe every {@code gop} seconds, four times the size of an inter
 * frame, sizes chosen so video averages {@code bitrate}) and AAC frames of 1024 samples at
 * 44.1 kHz (about 43 per second, 128 kbps). Payload bytes after the headers are random filler.
 */
final class SyntheticSource implements MediaSource {
    /** A real AVCDecoderConfigurationRecord (High profile, 1280x720) from x264, as an FLV body. */
    static final byte[] AVC_SEQUENCE_HEADER = HexFormat.of().parseHex(
            "17000000000164001fffe1001a6764001facd9405005bb0110000003001000000303c0f183196001000668ebe3cb22c0fdf8f800");
    /** AAC-LC, 44.1 kHz, from ffmpeg's AAC encoder, as an FLV body. */
    static final byte[] AAC_SEQUENCE_HEADER = HexFormat.of().parseHex("af00120856e500");
    static final int AUDIO_RATE = 44100;
    static final int AUDIO_SAMPLES_PER_FRAME = 1024;
    static final int AUDIO_PAYLOAD_SIZE = 372;
    private static final int KEYFRAME_WEIGHT = 4;
    private static final int FILLER_SIZE = 1 << 20;

    private final int fps;
    private final int gopFrames;
    private final int keySize;
    private final int interSize;
    private final byte[] filler;
    private final List<Start> start;
    private int startIndex;
    private long videoFrame;
    private long audioFrame;
    private int fillerOffset;

    SyntheticSource(int bitrateKbps, int fps, double gopSeconds) {
        if (bitrateKbps <= 0 || fps <= 0 || gopSeconds <= 0) {
            throw new IllegalArgumentException("bitrate, fps and gop must be positive");
        }
        this.fps = fps;
        this.gopFrames = Math.max(1, (int) Math.round(fps * gopSeconds));
        int average = bitrateKbps * 1000 / 8 / fps;
        int weight = gopFrames >= 2 * KEYFRAME_WEIGHT ? KEYFRAME_WEIGHT : 1;
        this.interSize = Math.max(PayloadStamp.MIN_SIZE,
                (int) ((long) average * gopFrames / (gopFrames - 1 + weight)));
        this.keySize = Math.max(PayloadStamp.MIN_SIZE, interSize * weight);
        this.filler = new byte[FILLER_SIZE];
        new SplittableRandom(7).nextBytes(filler);
        AmfEcmaArray meta = AmfEcmaArray.of("width", 1280.0, "height", 720.0, "framerate", (double) fps,
                "videocodecid", 7.0, "videodatarate", (double) bitrateKbps, "audiocodecid", 10.0,
                "audiosamplerate", (double) AUDIO_RATE, "encoder", "rill-bench");
        this.start = List.of(
                new Start(MessageType.DATA_AMF0, new DataMessage(DataMessage.SET_DATA_FRAME,
                        List.of(DataMessage.ON_META_DATA, meta))),
                new Start(MessageType.VIDEO, AVC_SEQUENCE_HEADER),
                new Start(MessageType.AUDIO, AAC_SEQUENCE_HEADER));
    }

    int keySize() {
        return keySize;
    }

    int interSize() {
        return interSize;
    }

    @Override
    public int nextType() {
        if (startIndex < start.size()) {
            return start.get(startIndex).type;
        }
        return videoTimestamp() <= audioTimestamp() ? MessageType.VIDEO : MessageType.AUDIO;
    }

    @Override
    public long nextTimestamp() {
        return startIndex < start.size() ? 0 : Math.min(videoTimestamp(), audioTimestamp());
    }

    @Override
    public boolean nextIsTracked() {
        return startIndex >= start.size() && nextType() == MessageType.VIDEO;
    }

    @Override
    public boolean stamped() {
        return true;
    }

    @Override
    public ByteBuf take(ByteBufAllocator alloc, long seq, long sendNanos) {
        if (startIndex < start.size()) {
            return start.get(startIndex++).payload(alloc);
        }
        if (nextType() == MessageType.VIDEO) {
            boolean key = videoFrame % gopFrames == 0;
            int size = key ? keySize : interSize;
            ByteBuf out = alloc.buffer(size);
            PayloadStamp.write(out, key, seq, sendNanos, size, filler, fillerOffset);
            fillerOffset = (fillerOffset + size) % filler.length;
            videoFrame++;
            return out;
        }
        ByteBuf out = alloc.buffer(AUDIO_PAYLOAD_SIZE);
        out.writeByte(0xAF).writeByte(1);
        out.writeBytes(filler, fillerOffset % (filler.length - AUDIO_PAYLOAD_SIZE), AUDIO_PAYLOAD_SIZE - 2);
        fillerOffset = (fillerOffset + AUDIO_PAYLOAD_SIZE) % filler.length;
        audioFrame++;
        return out;
    }

    private long videoTimestamp() {
        return videoFrame * 1000 / fps;
    }

    private long audioTimestamp() {
        return audioFrame * AUDIO_SAMPLES_PER_FRAME * 1000 / AUDIO_RATE;
    }

    @Override
    public void close() {
        // Nothing is held beyond the heap filler.
    }

    /** A message sent once when publishing starts. */
    private record Start(int type, Object content) {
        ByteBuf payload(ByteBufAllocator alloc) {
            if (content instanceof DataMessage data) {
                return data.encodePayload(alloc);
            }
            byte[] bytes = (byte[]) content;
            return alloc.buffer(bytes.length).writeBytes(bytes);
        }
    }
}
