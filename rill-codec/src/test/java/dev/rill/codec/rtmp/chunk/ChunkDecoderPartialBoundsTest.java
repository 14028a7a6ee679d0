package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.concat;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.drain;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ByteBudget;
import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Bytes of incomplete messages: bounded per connection and, through a shared budget, in total. */
class ChunkDecoderPartialBoundsTest {
    /** 300-byte limit per connection: messages of up to 1000 bytes, at most 300 bytes incomplete. */
    private static final ChunkLimits TIGHT = new ChunkLimits(65536, 1000, 8, 300);

    /** A fmt-0 header of a 1000-byte video message on chunk stream {@code csid}, then 128 bytes. */
    private static byte[] firstChunk(int csid) {
        return concat(hex(String.format("%02x 000000 0003e8 09 01000000", csid)), new byte[128]);
    }

    @Test
    void incompleteMessagesOfOneConnectionAreBounded() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(TIGHT));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(concat(firstChunk(4), firstChunk(5))));
            assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(firstChunk(6))))
                    .isInstanceOf(RillException.class)
                    .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
                    .hasMessageContaining("chunk stream 6: incomplete messages would hold 384 bytes, limit 300 per connection");
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void theSharedBudgetShedsTheConnectionThatWouldPassIt() {
        ByteBudget budget = new ByteBudget("test budget", 300);
        EmbeddedChannel first = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT, budget));
        EmbeddedChannel second = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT, budget));
        try {
            first.writeInbound(Unpooled.wrappedBuffer(concat(firstChunk(4), concat(hex("c4"), new byte[128]))));
            assertThat(budget.used()).isEqualTo(256);
            assertThatThrownBy(() -> second.writeInbound(Unpooled.wrappedBuffer(firstChunk(4))))
                    .hasMessageContaining("128 more bytes would pass test budget 256 of 300 bytes");
            assertThat(first.isActive()).isTrue();
        } finally {
            first.finishAndReleaseAll();
            second.finishAndReleaseAll();
        }
        assertThat(budget.used()).as("closing gives everything back").isZero();
    }

    @Test
    void completeMessagesGiveTheirBytesBack() {
        ByteBudget budget = new ByteBudget("test budget", 2000);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(new ChunkLimits(65536, 1000, 8, 2000), budget));
        try {
            byte[] rest = new byte[0];
            for (int off = 128; off < 1000; off += 128) {
                rest = concat(rest, hex("c4"), new byte[Math.min(128, 1000 - off)]);
            }
            ch.writeInbound(Unpooled.wrappedBuffer(concat(firstChunk(4), rest)));
            assertThat(drain(ch)).hasSize(1);
            assertThat(budget.used()).isZero();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void newLimitsTakeOverWhatIsHeld() {
        ByteBudget before = new ByteBudget("before", 1000);
        ByteBudget after = ByteBudget.unlimited("after");
        ChunkDecoder decoder = new ChunkDecoder(TIGHT, before);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(firstChunk(4)));
            decoder.setLimits(ChunkLimits.DEFAULT, after);
            assertThat(before.used()).isZero();
            assertThat(after.used()).isEqualTo(128);
            ch.writeInbound(Unpooled.wrappedBuffer(concat(firstChunk(5), firstChunk(6), firstChunk(7))));
            assertThat(decoder.partialBytes()).isEqualTo(512);
        } finally {
            ch.finishAndReleaseAll();
        }
        assertThat(after.used()).isZero();
    }
}
