package dev.rill.server.http.stream;

import dev.rill.codec.media.FlvAudio;
import dev.rill.server.live.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * MP3 over HTTP, as SRS's {@code .mp3} mount: an empty ID3v2.3 tag first (as SRS's
 * SrsMp3Transmuxer writes), then the MP3 frames of each FLV audio message passed through; other
 * codecs and video are skipped.
 */
final class Mp3StreamEncoder implements StreamEncoder {
    /** "ID3", version 3.0, no flags, size 10 (syncsafe), then one empty 10-byte frame header. */
    private static final byte[] ID3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @Override
    public ByteBuf header(ByteBufAllocator alloc) {
        return alloc.buffer(ID3.length).writeBytes(ID3);
    }

    @Override
    public void encode(SharedMessage msg, long timestamp, CompositeByteBuf out) {
        ByteBuf p = msg.payload();
        if (!msg.isAudio() || FlvAudio.soundFormat(p) != FlvAudio.FORMAT_MP3 || p.readableBytes() < 2) {
            return;
        }
        out.addComponent(true, p.retainedSlice(p.readerIndex() + 1, p.readableBytes() - 1));
    }
}
