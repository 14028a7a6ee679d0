package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP-TS encoder: what a player's stream starts with, what it skips, and what it ends with. */
class TsStreamEncoderTest {
    private static final int PAT = 0x0000;
    private static final int PMT = 0x1001;
    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;
    private static final String AVC_RECORD = "0142c01eff" + "e1000c6742c01eda0280bfe5c04400" + "01000468ce3c80";

    private final TsStreamEncoder encoder = new TsStreamEncoder(ContextLog.of(TsStreamEncoderTest.class, "test"));

    /** One TS packet's PID and whether a PES or section starts in it. */
    record Packet(int pid, boolean unitStart) {
    }

    @Test
    void startsWithPatAndPmtThenVideoFromTheFirstKeyframe() {
        List<Packet> packets = encode(
                video(0, "1700000000" + AVC_RECORD),
                audio(0, "af001210"),
                video(0, "2701000000" + "00000002" + "4101"),
                audio(10, "af01" + "21".repeat(20)),
                video(40, "1701000000" + "00000002" + "6588"),
                video(80, "2701000000" + "00000002" + "4102"));
        assertThat(packets.subList(0, 2)).extracting(Packet::pid).containsExactly(PAT, PMT);
        assertThat(starts(packets, VIDEO)).as("the inter frame before the first keyframe is skipped").isEqualTo(2);
        assertThat(starts(packets, AUDIO)).as("audio is gathered until the end").isZero();

        List<Packet> tail = end();
        assertThat(tail).extracting(Packet::pid).containsOnly(AUDIO);
        assertThat(starts(tail, AUDIO)).isEqualTo(1);
        encoder.close();
    }

    @Test
    void skipsWhatMpegTsCannotCarry() {
        List<Packet> packets = encode(
                video(0, "1400" + "00".repeat(10)),
                audio(0, "b2" + "00".repeat(10)),
                new SharedMessage(MessageType.DATA_AMF0, 0, Unpooled.wrappedBuffer(new byte[] {2, 0, 0})));
        assertThat(packets).as("VP6, Speex and metadata write nothing").isEmpty();
        assertThat(end()).isEmpty();
        encoder.close();
    }

    @Test
    void closeFreesGatheredAudio() {
        encode(audio(0, "af001210"), audio(0, "af01" + "21".repeat(20)));
        encoder.close();
    }

    private List<Packet> encode(SharedMessage... messages) {
        ByteBuf header = encoder.header(ByteBufAllocator.DEFAULT);
        assertThat(header.isReadable()).isFalse();
        header.release();
        CompositeByteBuf out = ByteBufAllocator.DEFAULT.compositeBuffer();
        try {
            for (SharedMessage m : messages) {
                try {
                    encoder.encode(m, m.timestamp(), out);
                } finally {
                    m.release();
                }
            }
            return packets(out);
        } finally {
            out.release();
        }
    }

    private List<Packet> end() {
        CompositeByteBuf out = ByteBufAllocator.DEFAULT.compositeBuffer();
        try {
            encoder.end(out);
            return packets(out);
        } finally {
            out.release();
        }
    }

    private static List<Packet> packets(ByteBuf ts) {
        assertThat(ts.readableBytes() % 188).as("whole TS packets").isZero();
        List<Packet> out = new ArrayList<>();
        for (int at = ts.readerIndex(); at < ts.writerIndex(); at += 188) {
            assertThat(ts.getByte(at)).as("sync byte").isEqualTo((byte) 0x47);
            int b1 = ts.getUnsignedByte(at + 1);
            out.add(new Packet(((b1 & 0x1F) << 8) | ts.getUnsignedByte(at + 2), (b1 & 0x40) != 0));
        }
        return out;
    }

    private static long starts(List<Packet> packets, int pid) {
        return packets.stream().filter(p -> p.pid() == pid && p.unitStart()).count();
    }

    private static SharedMessage video(long ts, String hex) {
        return new SharedMessage(MessageType.VIDEO, ts, Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
    }

    private static SharedMessage audio(long ts, String hex) {
        return new SharedMessage(MessageType.AUDIO, ts, Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
    }
}
