package dev.rill.server.http.stream;

import dev.rill.server.live.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/** Turns live messages into the bytes of one HTTP stream format. One per player; not thread-safe. */
interface StreamEncoder {
    /** What starts the stream (the FLV header, an ID3 tag), or an empty buffer; the caller owns it. */
    ByteBuf header(ByteBufAllocator alloc);

    /**
     * Appends the bytes for {@code msg} at {@code timestamp} to {@code out} (as retained
     * components); messages the format does not carry add nothing. Does not release {@code msg}.
     */
    void encode(SharedMessage msg, long timestamp, CompositeByteBuf out);

    static StreamEncoder of(StreamFormat format) {
        return switch (format) {
            case FLV -> new FlvStreamEncoder();
            case AAC -> new AacStreamEncoder();
            case MP3 -> new Mp3StreamEncoder();
            case TS -> throw new IllegalArgumentException("no MPEG-TS stream encoder");
        };
    }
}
