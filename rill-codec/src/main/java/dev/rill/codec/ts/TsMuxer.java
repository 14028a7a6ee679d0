package dev.rill.codec.ts;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Muxes FLV-style audio and video tag payloads into an MPEG-TS single-program stream (ISO
 * 13818-1): PAT and PMT (written before the first PES and again whenever the codecs change),
 * H.264 as annex B with an AUD per access unit and SPS/PPS before each keyframe, AAC with an ADTS
 * header per frame, MP3 as is. Timestamps are FLV milliseconds; PTS/DTS and PCR are their 90 kHz
 * forms. The PCR rides on the video PID, or on the audio PID when there is no video. Audio frames
 * are gathered into one PES until they span {@code maxAudioDelayMs}.
 *
 * <p>Not thread-safe; one muxer per output stream. It holds gathered audio until {@link #flush} or
 * {@link #close}. Bad input fails with a {@link RillException} (MEDIA_INVALID) naming the
 * problem, writing nothing for that payload.
 */
public final class TsMuxer implements AutoCloseable {
    public static final int VIDEO_PID = 0x100;
    public static final int AUDIO_PID = 0x101;
    public static final int STREAM_TYPE_MPEG1_AUDIO = 0x03;
    public static final int STREAM_TYPE_MPEG2_AUDIO = 0x04;
    public static final int STREAM_TYPE_AAC_ADTS = 0x0F;
    public static final int STREAM_TYPE_H264 = 0x1B;
    /** Audio gathered per PES, at most this long; also bounds the PCR interval of audio-only streams. */
    public static final int DEFAULT_MAX_AUDIO_DELAY_MS = 100;
    private static final int MAX_AUDIO_PES_BYTES = PesHeader.MAX_PACKET_LENGTH - 16;

    private final TsPackets packets = new TsPackets();
    private final ByteBufAllocator alloc;
    private final long maxAudioDelay90k;
    private AvcDecoderConfig avc;
    private AacConfig aac;
    private int videoType;
    private int audioType;
    private int tablesVideoType = -1;
    private int tablesAudioType = -1;
    private int tablesVersion = -1;
    private ByteBuf pendingAudio;
    private long pendingAudioPts = -1;

    public TsMuxer(ByteBufAllocator alloc, int maxAudioDelayMs) {
        this.alloc = alloc;
        this.maxAudioDelay90k = Math.max(0, maxAudioDelayMs) * 90L;
    }

    public TsMuxer(ByteBufAllocator alloc) {
        this(alloc, DEFAULT_MAX_AUDIO_DELAY_MS);
    }

    /** The PMT stream_type of the video seen so far, 0 before any. */
    public int videoStreamType() {
        return videoType;
    }

    /** The PMT stream_type of the audio seen so far, 0 before any. */
    public int audioStreamType() {
        return audioType;
    }

    /** The AAC config in force, or null. */
    public AacConfig aacConfig() {
        return aac;
    }

    /** Writes the PAT and the PMT for the codecs known now; called at the start of each segment. */
    public void writeTables(ByteBuf out) {
        if (videoType != tablesVideoType || audioType != tablesAudioType) {
            tablesVersion = (tablesVersion + 1) & 0x1F;
            tablesVideoType = videoType;
            tablesAudioType = audioType;
        }
        ByteBuf section = alloc.heapBuffer(64);
        try {
            PsiTables.writePat(section, 0);
            packets.writeSection(out, PsiTables.PAT_PID, section);
            section.clear();
            int[][] streams = videoType != 0 && audioType != 0
                    ? new int[][]{{videoType, VIDEO_PID}, {audioType, AUDIO_PID}}
                    : videoType != 0 ? new int[][]{{videoType, VIDEO_PID}}
                    : audioType != 0 ? new int[][]{{audioType, AUDIO_PID}} : new int[0][];
            PsiTables.writePmt(section, tablesVersion, pcrPid(), streams);
            packets.writeSection(out, PsiTables.PMT_PID, section);
        } finally {
            section.release();
        }
    }

    /**
     * One FLV VIDEODATA payload (E.4.3.1) at {@code timestampMs} (its DTS). A sequence header is
     * remembered and writes nothing; an AVC NALU packet is written as one PES. Returns whether a
     * frame was written.
     */
    public boolean writeVideo(ByteBuf out, long timestampMs, ByteBuf payload) {
        int codec = FlvVideo.codecId(payload);
        if (codec != FlvVideo.CODEC_AVC) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "video codec id " + codec
                    + " is not supported in MPEG-TS (only AVC, codec id 7)");
        }
        if (payload.readableBytes() < 5) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVC video tag of " + payload.readableBytes()
                    + " bytes is shorter than its 5-byte header");
        }
        int packetType = payload.getUnsignedByte(payload.readerIndex() + 1);
        ByteBuf body = payload.slice(payload.readerIndex() + 5, payload.readableBytes() - 5);
        if (packetType == FlvVideo.PACKET_TYPE_SEQUENCE_HEADER) {
            avc = AvcDecoderConfig.parse(body);
            videoType = STREAM_TYPE_H264;
            return false;
        }
        if (packetType != FlvVideo.PACKET_TYPE_NALU) {
            return false;
        }
        if (avc == null) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVC frame before its sequence header");
        }
        boolean key = FlvVideo.isKeyframe(payload);
        long dts = timestampMs * 90;
        long pts = (timestampMs + FlvVideo.compositionTime(payload)) * 90;
        ByteBuf es = alloc.buffer(body.readableBytes() + 256);
        try {
            AnnexB.write(es, body, avc, key);
            writeTablesIfChanged(out);
            writePes(out, VIDEO_PID, PesHeader.STREAM_ID_VIDEO, es, pts, dts, true, key);
        } finally {
            es.release();
        }
        return true;
    }

    /**
     * One FLV AUDIODATA payload (E.4.2.1) at {@code timestampMs}. An AAC sequence header is
     * remembered; AAC frames get an ADTS header; MP3 passes through. Frames are gathered and
     * written as a PES once they span the audio delay. Returns whether a frame was taken.
     */
    public boolean writeAudio(ByteBuf out, long timestampMs, ByteBuf payload) {
        int format = FlvAudio.soundFormat(payload);
        if (format == FlvAudio.FORMAT_AAC) {
            return writeAac(out, timestampMs, payload);
        }
        if (format == FlvAudio.FORMAT_MP3) {
            ByteBuf body = payload.slice(payload.readerIndex() + 1, payload.readableBytes() - 1);
            if (!body.isReadable()) {
                return false;
            }
            audioType = mp3StreamType(body);
            appendAudio(out, timestampMs * 90, body, null);
            return true;
        }
        throw new RillException(ErrorCode.MEDIA_INVALID, "audio sound format " + format
                + " is not supported in MPEG-TS (only AAC 10 and MP3 2)");
    }

    /** Writes the gathered audio, if any; call before a segment ends. */
    public void flush(ByteBuf out) {
        if (pendingAudio == null || !pendingAudio.isReadable()) {
            return;
        }
        writeTablesIfChanged(out);
        boolean pcr = pcrPid() == AUDIO_PID;
        writePes(out, AUDIO_PID, PesHeader.STREAM_ID_AUDIO, pendingAudio, pendingAudioPts, pendingAudioPts, pcr, false);
        pendingAudio.clear();
        pendingAudioPts = -1;
    }

    /** Drops the gathered audio and frees its buffer. */
    @Override
    public void close() {
        if (pendingAudio != null) {
            pendingAudio.release();
            pendingAudio = null;
        }
    }

    private boolean writeAac(ByteBuf out, long timestampMs, ByteBuf payload) {
        if (payload.readableBytes() < 2) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC audio tag of " + payload.readableBytes()
                    + " bytes is shorter than its 2-byte header");
        }
        ByteBuf body = payload.slice(payload.readerIndex() + 2, payload.readableBytes() - 2);
        if (FlvAudio.isAacSequenceHeader(payload)) {
            aac = AacConfig.parse(body);
            audioType = STREAM_TYPE_AAC_ADTS;
            return false;
        }
        if (aac == null) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC frame before its sequence header");
        }
        if (!body.isReadable()) {
            return false;
        }
        appendAudio(out, timestampMs * 90, body, aac);
        return true;
    }

    private void appendAudio(ByteBuf out, long pts, ByteBuf frame, AacConfig adts) {
        int size = frame.readableBytes() + (adts != null ? Adts.HEADER_SIZE : 0);
        if (pendingAudioPts >= 0 && (pts - pendingAudioPts >= maxAudioDelay90k
                || pendingAudio.readableBytes() + size > MAX_AUDIO_PES_BYTES)) {
            flush(out);
        }
        if (pendingAudio == null) {
            pendingAudio = alloc.buffer(Math.max(1024, size));
        }
        if (adts != null) {
            Adts.writeHeader(pendingAudio, adts, frame.readableBytes());
        }
        pendingAudio.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
        if (pendingAudioPts < 0) {
            pendingAudioPts = pts;
        }
        if (maxAudioDelay90k == 0) {
            flush(out);
        }
    }

    private void writePes(ByteBuf out, int pid, int streamId, ByteBuf es, long pts, long dts, boolean pcr,
                          boolean randomAccess) {
        ByteBuf header = alloc.heapBuffer(PesHeader.size(true));
        try {
            PesHeader.write(header, streamId, es.readableBytes(), pts, dts);
            ByteBuf pes = io.netty.buffer.Unpooled.wrappedBuffer(header.retain(), es.retainedSlice());
            try {
                packets.write(out, pid, pes, pcr ? dts : -1, randomAccess);
            } finally {
                pes.release();
            }
        } finally {
            header.release();
        }
    }

    private void writeTablesIfChanged(ByteBuf out) {
        if (videoType != tablesVideoType || audioType != tablesAudioType) {
            writeTables(out);
        }
    }

    private int pcrPid() {
        return videoType != 0 ? VIDEO_PID : AUDIO_PID;
    }

    /** MPEG-1 layer III (32/44.1/48 kHz) or the MPEG-2/2.5 lower rates, from the frame header's version bits. */
    private static int mp3StreamType(ByteBuf frame) {
        if (frame.readableBytes() >= 2 && frame.getUnsignedByte(frame.readerIndex()) == 0xFF
                && (frame.getUnsignedByte(frame.readerIndex() + 1) & 0xE0) == 0xE0) {
            int version = (frame.getUnsignedByte(frame.readerIndex() + 1) >> 3) & 0x03;
            return version == 0x03 ? STREAM_TYPE_MPEG1_AUDIO : STREAM_TYPE_MPEG2_AUDIO;
        }
        return STREAM_TYPE_MPEG1_AUDIO;
    }
}
