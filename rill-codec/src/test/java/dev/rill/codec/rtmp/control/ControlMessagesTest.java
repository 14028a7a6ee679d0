package dev.rill.codec.rtmp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of {value, type, payload bytes} drives both decode and encode (spec 5.4, 6.2, 7.1.7). */
class ControlMessagesTest {

    record Case(String name, Object value, int typeId, String payloadHex,
            Function<RtmpMessage, Object> decoder, Function<ByteBufAllocator, RtmpMessage> encoder) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("set chunk size 4096", new SetChunkSize(4096), MessageType.SET_CHUNK_SIZE, "00001000",
                        SetChunkSize::decode, new SetChunkSize(4096)::toMessage),
                c("abort csid 6", new Abort(6), MessageType.ABORT, "00000006", Abort::decode, new Abort(6)::toMessage),
                c("acknowledgement 0xfffffffe", new Acknowledgement(0xFFFFFFFEL), MessageType.ACKNOWLEDGEMENT,
                        "fffffffe", Acknowledgement::decode, new Acknowledgement(0xFFFFFFFEL)::toMessage),
                c("window ack size 2500000", new WindowAckSize(2_500_000), MessageType.WINDOW_ACK_SIZE, "002625a0",
                        WindowAckSize::decode, new WindowAckSize(2_500_000)::toMessage),
                c("set peer bandwidth dynamic", new SetPeerBandwidth(2_500_000, SetPeerBandwidth.DYNAMIC),
                        MessageType.SET_PEER_BANDWIDTH, "002625a0 02", SetPeerBandwidth::decode,
                        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.DYNAMIC)::toMessage),
                uc("stream begin 1", UserControl.streamBegin(1), "0000 00000001"),
                uc("stream eof 1", UserControl.streamEof(1), "0001 00000001"),
                uc("stream dry 1", UserControl.streamDry(1), "0002 00000001"),
                uc("set buffer length 1, 3000 ms", UserControl.setBufferLength(1, 3000), "0003 00000001 00000bb8"),
                uc("stream is recorded 1", UserControl.streamIsRecorded(1), "0004 00000001"),
                uc("ping request", UserControl.pingRequest(0xDEADBEEFL), "0006 deadbeef"),
                uc("ping response", UserControl.pingResponse(3343), "0007 00000d0f"));
    }

    private static Case c(String name, Object value, int type, String hex, Function<RtmpMessage, Object> decoder,
            Function<ByteBufAllocator, RtmpMessage> encoder) {
        return new Case(name, value, type, hex, decoder, encoder);
    }

    private static Case uc(String name, UserControl value, String hex) {
        return new Case(name, value, MessageType.USER_CONTROL, hex, UserControl::decode, value::toMessage);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static RtmpMessage message(int type, String hex) {
        return new RtmpMessage(2, type, 0, 0, Unpooled.wrappedBuffer(hex(hex)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesOnTheProtocolControlStream(Case c) {
        RtmpMessage m = c.encoder().apply(ByteBufAllocator.DEFAULT);
        try {
            assertThat(m.chunkStreamId()).isEqualTo(2);
            assertThat(m.streamId()).isZero();
            assertThat(m.timestamp()).isZero();
            assertThat(m.typeId()).isEqualTo(c.typeId());
            assertThat(ByteBufUtil.getBytes(m.payload())).isEqualTo(hex(c.payloadHex()));
        } finally {
            m.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesWithoutConsumingThePayload(Case c) {
        RtmpMessage m = message(c.typeId(), c.payloadHex());
        try {
            assertThat(c.decoder().apply(m)).isEqualTo(c.value());
            assertThat(m.payload().readableBytes()).isEqualTo(hex(c.payloadHex()).length);
        } finally {
            m.release();
        }
    }

    @ParameterizedTest(name = "{0} one byte short")
    @MethodSource("cases")
    void rejectsShortPayloads(Case c) {
        String hex = c.payloadHex().replace(" ", "");
        RtmpMessage m = message(c.typeId(), hex.substring(0, hex.length() - 2));
        try {
            assertThatThrownBy(() -> c.decoder().apply(m)).isInstanceOfSatisfying(RillException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_INVALID));
        } finally {
            m.release();
        }
    }

    static Stream<Arguments> shortMessages() {
        return Stream.of(
                Arguments.of("empty set chunk size", MessageType.SET_CHUNK_SIZE, "",
                        (Function<RtmpMessage, Object>) SetChunkSize::decode,
                        "set chunk size payload is 0 bytes, expected at least 4"),
                Arguments.of("user control without event type", MessageType.USER_CONTROL, "00",
                        (Function<RtmpMessage, Object>) UserControl::decode,
                        "user control payload is 1 bytes, expected at least 2"),
                Arguments.of("set buffer length without its length", MessageType.USER_CONTROL, "0003 00000001",
                        (Function<RtmpMessage, Object>) UserControl::decode,
                        "user control payload is 6 bytes, expected at least 10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortMessages")
    void saysWhatWasShort(String name, int type, String hex, Function<RtmpMessage, Object> decoder, String message) {
        RtmpMessage m = message(type, hex);
        try {
            assertThatThrownBy(() -> decoder.apply(m)).isInstanceOf(RillException.class).hasMessage(message);
        } finally {
            m.release();
        }
    }

    @Test
    void rejectsAnUnknownPeerBandwidthLimitType() {
        RtmpMessage m = message(MessageType.SET_PEER_BANDWIDTH, "002625a0 03");
        try {
            assertThatThrownBy(() -> SetPeerBandwidth.decode(m)).isInstanceOfSatisfying(RillException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_INVALID);
                assertThat(e.getMessage()).isEqualTo("set peer bandwidth limit type 3, expected 0 hard, 1 soft or 2 dynamic");
            });
        } finally {
            m.release();
        }
    }

    @Test
    void decodesAnUnknownUserControlEventToItsTypeAlone() {
        RtmpMessage m = message(MessageType.USER_CONTROL, "001a 00");
        try {
            UserControl uc = UserControl.decode(m);
            assertThat(uc).isEqualTo(new UserControl(0x1a, 0, 0, 0));
            assertThatThrownBy(() -> uc.toMessage(ByteBufAllocator.DEFAULT)).isInstanceOf(IllegalStateException.class);
        } finally {
            m.release();
        }
    }

    @Test
    void refusesToDecodeAnotherMessageType() {
        RtmpMessage m = message(MessageType.ABORT, "00000004");
        try {
            assertThatThrownBy(() -> SetChunkSize.decode(m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("message type 2 is not set chunk size (1)");
        } finally {
            m.release();
        }
    }
}
