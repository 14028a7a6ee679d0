package dev.rill.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The shared chunked body: encoded once per chunk size, freed with the message. */
class SharedMessageTest {
    /** Heap buffers that each own their array, so array identity tells buffers apart. */
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    @Test
    void classifiesFlvPayloads() {
        SharedMessage vsh = Messages.videoHeader(0);
        SharedMessage k = Messages.keyframe(0);
        SharedMessage ash = Messages.audioHeader(0);
        SharedMessage meta = Messages.data(0, "onMetaData");
        try {
            assertThat(vsh.isSequenceHeader()).isTrue();
            assertThat(k.isSequenceHeader()).isFalse();
            assertThat(k.isKeyframe()).isTrue();
            assertThat(Messages.interFrame(0).isKeyframe()).isFalse();
            assertThat(ash.isSequenceHeader()).isTrue();
            assertThat(ash.isAudio()).isTrue();
            assertThat(meta.isAv()).isFalse();
            assertThat(meta.chunkStreamId()).isEqualTo(ChunkStreamId.OVER_STREAM);
            assertThat(k.chunkStreamId()).isEqualTo(ChunkStreamId.VIDEO);
        } finally {
            vsh.release();
            k.release();
            ash.release();
            meta.release();
        }
    }

    @Test
    void smallPayloadIsItsOwnBody() {
        SharedMessage m = message(128);
        try {
            ByteBuf body = m.chunkedBodyForWrite(ALLOC, 128, 40);
            assertThat(ByteBufUtil.equals(body, m.payload())).isTrue();
            assertThat(m.payload().refCnt()).as("a view holds no reference").isEqualTo(1);
            assertThat(body.release()).as("a write releasing the view frees nothing").isFalse();
            assertThat(m.payload().refCnt()).isEqualTo(1);
        } finally {
            m.release();
        }
        assertThat(m.payload().refCnt()).isZero();
    }

    @Test
    void largePayloadBodyIsEncodedOncePerChunkSize() {
        SharedMessage m = message(1000);
        ByteBuf expected = ChunkWriter.encodeBody(ALLOC, m.payload(), 128, ChunkStreamId.VIDEO, 0);
        ByteBuf first = m.chunkedBodyForWrite(ALLOC, 128, 40);
        ByteBuf second = m.chunkedBodyForWrite(ALLOC, 128, 80);
        ByteBuf other = m.chunkedBodyForWrite(ALLOC, 512, 40);
        ByteBuf expectedOther = ChunkWriter.encodeBody(ALLOC, m.payload(), 512, ChunkStreamId.VIDEO, 0);
        try {
            assertThat(ByteBufUtil.equals(first, expected)).isTrue();
            assertThat(first.readableBytes()).isEqualTo(1000 + 7);
            assertThat(second.array()).as("the same cached body").isSameAs(first.array());
            assertThat(other.array()).isNotSameAs(first.array());
            assertThat(ByteBufUtil.equals(other, expectedOther)).isTrue();
        } finally {
            expected.release();
            expectedOther.release();
            m.release();
        }
    }

    @Test
    void extendedTimestampBodyIsPerCall() {
        SharedMessage m = message(300);
        long ts = 0x1000000L;
        ByteBuf expected = ChunkWriter.encodeBody(ALLOC, m.payload(), 128, ChunkStreamId.VIDEO, ts);
        ByteBuf first = m.chunkedBodyForWrite(ALLOC, 128, ts);
        ByteBuf second = m.chunkedBodyForWrite(ALLOC, 128, ts + 40);
        try {
            assertThat(ByteBufUtil.equals(first, expected)).isTrue();
            assertThat(first.readableBytes()).as("two continuations, each with 4 timestamp bytes")
                    .isEqualTo(300 + 2 * (1 + 4));
            assertThat(first.getInt(128 + 1)).isEqualTo((int) ts);
            assertThat(second.getInt(128 + 1)).isEqualTo((int) (ts + 40));
            assertThat(second.array()).isNotSameAs(first.array());
        } finally {
            expected.release();
            first.release();
            second.release();
            m.release();
        }
    }

    @Test
    void deallocateReleasesCachedBodies() {
        SharedMessage m = message(1000);
        ByteBuf body128 = m.chunkedBodyForWrite(ALLOC, 128, 0);
        ByteBuf body256 = m.chunkedBodyForWrite(ALLOC, 256, 0);
        assertThat(body128.refCnt()).as("only the cache holds the body").isEqualTo(1);
        assertThat(body128.release()).as("a view cannot free the shared body").isFalse();
        m.retain();
        m.release();
        assertThat(body128.refCnt()).as("still cached while referenced").isEqualTo(1);
        m.release();
        assertThat(body128.refCnt()).as("freed with the message").isZero();
        assertThat(body256.refCnt()).isZero();
        assertThat(m.payload().refCnt()).isZero();
    }

    @Test
    void retainAddsManyReferencesAtOnce() {
        SharedMessage m = message(10);
        m.retain(499);
        assertThat(m.refCnt()).isEqualTo(500);
        assertThat(m.release(500)).isTrue();
        assertThat(m.payload().refCnt()).isZero();
    }

    private static SharedMessage message(int length) {
        ByteBuf payload = Unpooled.buffer(length);
        payload.writeByte(0x27);
        for (int i = 1; i < length; i++) {
            payload.writeByte(i);
        }
        return new SharedMessage(MessageType.VIDEO, 40, payload);
    }
}
