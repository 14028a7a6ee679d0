package dev.rill.server.hls;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One segment being written: bytes go to {@code NAME.tmp} and the file is renamed to its name
 * when complete, so a reader of the directory never sees half a segment under its final name.
 */
final class SegmentFile {
    private final Path file;
    private final Path tmp;
    private final FileChannel channel;

    private SegmentFile(Path file, Path tmp, FileChannel channel) {
        this.file = file;
        this.tmp = tmp;
        this.channel = channel;
    }

    static SegmentFile open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new SegmentFile(file, tmp, channel);
    }

    Path file() {
        return file;
    }

    /**
     * Writes all of {@code buf}'s readable bytes (consumed). A failure names the file: the
     * kernel's "No space left on device" alone does not say which disk is full.
     */
    void write(ByteBuf buf) throws IOException {
        try {
            while (buf.isReadable()) {
                buf.readBytes(channel, buf.readableBytes());
            }
        } catch (IOException e) {
            throw new IOException("writing " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** Closes the file and gives it its final name. */
    void finish() throws IOException {
        channel.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes and deletes the partial file, ignoring further failures (it is already failing). */
    void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The segment is being dropped after a failure; a second failure changes nothing.
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // Same: nothing more can be done about a file that cannot be deleted.
        }
    }
}
