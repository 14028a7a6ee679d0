package dev.rill.codec.rtmp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.Amf0;
import dev.rill.codec.amf.AmfEcmaArray;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data messages (spec 7.1.2): metadata as encoders send it and as players receive it. */
class DataMessageTest {
    private static final AmfEcmaArray META = AmfEcmaArray.of("width", 1280.0, "height", 720.0,
            "videocodecid", 7.0, "encoder", "Lavf60.16.100");

    @Test
    void setDataFrameCarriesMetadata() {
        DataMessage d = decode(MessageType.DATA_AMF0, false, "@setDataFrame", "onMetaData", META);
        assertThat(d.name()).isEqualTo(DataMessage.SET_DATA_FRAME);
        assertThat(d.values()).containsExactly("onMetaData", META);
        assertThat(d.metadata()).isEqualTo(META);
    }

    @Test
    void onMetaDataCarriesMetadata() {
        AmfObject meta = AmfObject.of("duration", 0.0, "framerate", 30.0);
        DataMessage d = decode(MessageType.DATA_AMF0, false, "onMetaData", meta);
        assertThat(d.metadata()).isEqualTo(meta);
    }

    @Test
    void amf3TypeSkipsTheFormatByte() {
        DataMessage d = decode(MessageType.DATA_AMF3, true, "@setDataFrame", "onMetaData", META);
        assertThat(d.metadata()).isEqualTo(META);
    }

    @Test
    void otherDataHasNoMetadata() {
        assertThat(decode(MessageType.DATA_AMF0, false, "onTextData", AmfObject.of("text", "hi")).metadata()).isNull();
        assertThat(decode(MessageType.DATA_AMF0, false, "@setDataFrame", "onCuePoint", META).metadata()).isNull();
        assertThat(decode(MessageType.DATA_AMF0, false, "@setDataFrame").metadata()).isNull();
        assertThat(decode(MessageType.DATA_AMF0, false, "onMetaData").metadata()).isNull();
    }

    @Test
    void encodeRoundTripsAsAmf0Data() {
        DataMessage d = new DataMessage(DataMessage.ON_META_DATA, List.of(META));
        RtmpMessage msg = d.encode(ByteBufAllocator.DEFAULT, 40, 1);
        try {
            assertThat(msg.typeId()).isEqualTo(MessageType.DATA_AMF0);
            assertThat(msg.timestamp()).isEqualTo(40);
            assertThat(msg.streamId()).isEqualTo(1);
            assertThat(DataMessage.decode(msg, AmfLimits.DEFAULT)).isEqualTo(d);
        } finally {
            msg.release();
        }
    }

    @Test
    void dataWithoutNameFails() {
        ByteBuf payload = Unpooled.buffer();
        Amf0.writeAll(payload, 1.0);
        try {
            assertThatThrownBy(() -> DataMessage.decode(MessageType.DATA_AMF0, payload, AmfLimits.DEFAULT))
                    .isInstanceOf(RillException.class)
                    .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.MESSAGE_INVALID));
        } finally {
            payload.release();
        }
    }

    private static DataMessage decode(int typeId, boolean formatByte, Object... values) {
        ByteBuf payload = Unpooled.buffer();
        if (formatByte) {
            payload.writeByte(0);
        }
        Amf0.writeAll(payload, values);
        try {
            DataMessage d = DataMessage.decode(typeId, payload, AmfLimits.DEFAULT);
            assertThat(payload.readerIndex()).isZero();
            return d;
        } finally {
            payload.release();
        }
    }
}
