package dev.rill.server.http.stream;

import dev.rill.server.live.SharedMessage;
import dev.rill.server.log.ContextLog;
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

    /** Appends what the format still holds back (MPEG-TS gathers audio) when the stream ends. */
    default void end(CompositeByteBuf out) {
    }

    /** Frees what the encoder holds; called once, on the player's event loop, when the connection closed. */
    default void close() {
    }

    static StreamEncoder of(StreamFormat format, ContextLog log) {
        return switch (format) {
            case FLV -> new FlvStreamEncoder();
            case AAC -> new AacStreamEncoder();
            case MP3 -> new Mp3StreamEncoder();
            case TS -> new TsStreamEncoder(log);
        };
    }
}
