package dev.rill.server.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rill.codec.flv.FlvReader;
import dev.rill.codec.flv.FlvTag;
import dev.rill.codec.ts.TsMuxer;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.MediaPackets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TS muxer on a real FLV made by ffmpeg (libx264 + aac): ffprobe reads it, and it decodes to the same frames. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TsMuxerFfprobeTest {
    @TempDir
    Path dir;

    @Test
    void muxedFlvIsReadByFfprobeAndDecodesToTheSameFrames() throws Exception {
        Path flv = dir.resolve("source.flv");
        Ffmpeg.run(dir.resolve("make.log"), 60, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-map", "0:v", "-map", "1:a", "-t", "3",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "2", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", flv.toString());
        Path ts = dir.resolve("muxed.ts");
        ByteBuf whole = Unpooled.wrappedBuffer(Files.readAllBytes(flv));
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try (TsMuxer muxer = new TsMuxer(ByteBufAllocator.DEFAULT); OutputStream file = Files.newOutputStream(ts)) {
            List<FlvTag> tags = FlvReader.readAll(whole);
            for (FlvTag tag : tags) {
                try {
                    if (tag.isVideo()) {
                        muxer.writeVideo(out, tag.timestamp(), tag.payload());
                    } else if (tag.isAudio()) {
                        muxer.writeAudio(out, tag.timestamp(), tag.payload());
                    }
                } finally {
                    tag.release();
                }
            }
            muxer.flush(out);
            out.readBytes(file, out.readableBytes());
        } finally {
            out.release();
            whole.release();
        }

        List<HlsProbe.StreamInfo> streams = HlsProbe.streams(ts);
        assertThat(streams).extracting(HlsProbe.StreamInfo::codec).containsExactly("h264", "aac");
        assertThat(HlsProbe.stream(streams, "h264").duration()).isCloseTo(3.0, within(0.05));
        assertThat(HlsProbe.run(Ffmpeg.ffprobe(), "-v", "error", "-show_entries", "stream=profile,sample_rate,channels",
                "-of", "csv=p=0", ts.toString())).contains("LC,44100,1");
        assertThat(HlsProbe.videoFrameMd5s(ts)).hasSize(75).isEqualTo(HlsProbe.videoFrameMd5s(flv));
        Path back = dir.resolve("back.flv");
        Ffmpeg.run(dir.resolve("back.log"), 60, "-i", ts.toString(), "-c", "copy", "-f", "flv", back.toString());
        assertThat(MediaPackets.fromFlvFile(back).audio).as("AAC frames survive ADTS byte-identical")
                .isEqualTo(MediaPackets.fromFlvFile(flv).audio);
    }
}
