package dev.rill.server.http.stream;

import dev.rill.codec.RillException;
import dev.rill.codec.media.Adts;
import dev.rill.codec.media.AudioSpecificConfig;
import dev.rill.codec.media.FlvAudio;
import dev.rill.server.live.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * ADTS AAC over HTTP, as SRS's {@code .aac} mount: each raw AAC frame with the ADTS header made from
 * the latest AudioSpecificConfig; frames before the first sequence header, other codecs and video
 * are skipped, as is a frame the config cannot describe in ADTS.
 */
final class AacStreamEncoder implements StreamEncoder {
    private AudioSpecificConfig config;

    @Override
    public ByteBuf header(ByteBufAllocator alloc) {
        return Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void encode(SharedMessage msg, long timestamp, CompositeByteBuf out) {
        ByteBuf p = msg.payload();
        if (!msg.isAudio() || FlvAudio.soundFormat(p) != FlvAudio.FORMAT_AAC || p.readableBytes() < 2) {
            return;
        }
        if (msg.isSequenceHeader()) {
            try {
                config = AudioSpecificConfig.fromSequenceHeader(p);
            } catch (RillException e) {
                config = null;
            }
            return;
        }
        if (config == null) {
            return;
        }
        int rawLength = p.readableBytes() - 2;
        ByteBuf header = out.alloc().buffer(Adts.HEADER_SIZE);
        try {
            Adts.writeHeader(header, config, rawLength);
        } catch (RillException e) {
            header.release();
            return;
        }
        out.addComponent(true, header);
        out.addComponent(true, p.retainedSlice(p.readerIndex() + 2, rawLength));
    }
}
