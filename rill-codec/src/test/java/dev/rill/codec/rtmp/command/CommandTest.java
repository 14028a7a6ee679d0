package dev.rill.codec.rtmp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.Amf0;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.amf.AmfUndefined;
import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RTMP commands (spec 7.2) as ffmpeg, OBS and SRS exchange them, in the AMF0 and the AMF3 form. */
class CommandTest {

    record Case(String name, Command command, int streamId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> commands() {
        AmfObject connect = AmfObject.of("app", "live", "flashVer", "LNX 9,0,124,2",
                "tcUrl", "rtmp://127.0.0.1/live", "fpad", false, "capabilities", 15.0,
                "audioCodecs", 4071.0, "videoCodecs", 252.0, "videoFunction", 1.0);
        return Stream.of(
                new Case("connect", Command.of("connect", 1, connect), 0),
                new Case("createStream", Command.of("createStream", 4, null), 0),
                new Case("publish live", Command.of("publish", 0, null, "livestream", "live"), 1),
                new Case("play with start, duration, reset",
                        Command.of("play", 0, null, "livestream", -2.0, -1.0, true), 1),
                new Case("_result undefined (releaseStream)", Command.of("_result", 2, null, AmfUndefined.INSTANCE), 0),
                new Case("_result stream id (createStream)", Command.of("_result", 4, null, 1.0), 0),
                new Case("onStatus", NetStatus.onStatus(NetStatus.LEVEL_STATUS, NetStatus.PLAY_START,
                        "Started playing stream.", "ASAICiss"), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void roundTripsThroughAmf0(Case c) {
        RtmpMessage msg = c.command().encode(ByteBufAllocator.DEFAULT, c.streamId());
        try {
            assertThat(msg.typeId()).isEqualTo(MessageType.COMMAND_AMF0);
            assertThat(msg.streamId()).isEqualTo(c.streamId());
            assertThat(msg.chunkStreamId())
                    .isEqualTo(c.streamId() == 0 ? ChunkStreamId.OVER_CONNECTION : ChunkStreamId.OVER_STREAM);
            int readerIndex = msg.payload().readerIndex();
            assertThat(Command.decode(msg, AmfLimits.DEFAULT)).isEqualTo(c.command());
            assertThat(msg.payload().readerIndex()).as("decode leaves the payload alone").isEqualTo(readerIndex);
            assertThat(msg.refCnt()).isEqualTo(1);
        } finally {
            msg.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void amf3FormIsAFormatByteThenAmf0(Case c) {
        RtmpMessage amf0 = c.command().encode(ByteBufAllocator.DEFAULT, c.streamId());
        ByteBuf amf3Payload = Unpooled.buffer();
        amf3Payload.writeByte(0x00).writeBytes(amf0.payload(), amf0.payload().readerIndex(),
                amf0.payload().readableBytes());
        amf0.release();
        RtmpMessage amf3 = new RtmpMessage(ChunkStreamId.OVER_CONNECTION, MessageType.COMMAND_AMF3, 0,
                c.streamId(), amf3Payload);
        try {
            assertThat(Command.decode(amf3, AmfLimits.DEFAULT)).isEqualTo(c.command());
        } finally {
            amf3.release();
        }
    }

    @Test
    void createStreamBytesAreExact() {
        RtmpMessage msg = Command.of("createStream", 2, null).encode(ByteBufAllocator.DEFAULT, 0);
        try {
            String expected = "02000c" + HexFormat.of().formatHex("createStream".getBytes(StandardCharsets.US_ASCII))
                    + "00" + "4000000000000000" + "05";
            assertThat(ByteBufUtil.hexDump(msg.payload())).isEqualTo(expected);
        } finally {
            msg.release();
        }
    }

    @Test
    void decodesThoseExactBytes() {
        byte[] bytes = HexFormat.of().parseHex("02000c" + HexFormat.of().formatHex(
                "createStream".getBytes(StandardCharsets.US_ASCII)) + "00400000000000000005");
        RtmpMessage msg = RtmpMessage.of(MessageType.COMMAND_AMF0, 0, 0, Unpooled.wrappedBuffer(bytes));
        try {
            Command c = Command.decode(msg, AmfLimits.DEFAULT);
            assertThat(c.name()).isEqualTo("createStream");
            assertThat(c.transactionId()).isEqualTo(2.0);
            assertThat(c.commandObject()).isNull();
            assertThat(c.args()).isEmpty();
            assertThat(c.arg(0)).isNull();
        } finally {
            msg.release();
        }
    }

    @Test
    void messageWithoutLeadingNameFails() {
        ByteBuf payload = Unpooled.buffer();
        Amf0.writeAll(payload, 1.0, "connect");
        RtmpMessage msg = RtmpMessage.of(MessageType.COMMAND_AMF0, 0, 0, payload);
        try {
            assertThatThrownBy(() -> Command.decode(msg, AmfLimits.DEFAULT))
                    .isInstanceOf(RillException.class)
                    .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.COMMAND_INVALID))
                    .hasMessageContaining("does not start with a name string");
        } finally {
            msg.release();
        }
    }

    @Test
    void emptyMessageFails() {
        RtmpMessage msg = RtmpMessage.of(MessageType.COMMAND_AMF3, 0, 0, Unpooled.buffer(0));
        try {
            assertThatThrownBy(() -> Command.decode(msg, AmfLimits.DEFAULT))
                    .isInstanceOf(RillException.class)
                    .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.COMMAND_INVALID));
        } finally {
            msg.release();
        }
    }

    @Test
    void stringArgIsNullForOtherTypes() {
        Command c = Command.of("play", 0, null, "livestream", -2.0);
        assertThat(c.stringArg(0)).isEqualTo("livestream");
        assertThat(c.stringArg(1)).isNull();
        assertThat(c.stringArg(5)).isNull();
    }
}
