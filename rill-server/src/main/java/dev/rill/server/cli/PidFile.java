package dev.rill.server.cli;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code pid} file: written at start, removed at exit. A file naming a live process means
 * another Rill runs on this config, so starting is refused.
 */
final class PidFile {
    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    static PidFile acquire(Path path) {
        try {
            Optional<Long> holder = readPid(path);
            if (holder.isPresent() && holder.get() != ProcessHandle.current().pid()
                    && ProcessHandle.of(holder.get()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new RillException(ErrorCode.SYSTEM_IO,
                        "pid file " + path + " is held by running process " + holder.get());
            }
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            return new PidFile(path);
        } catch (IOException e) {
            throw RillException.wrap("write pid file " + path, e);
        }
    }

    void release() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The process is exiting; a stale pid file is detected as dead at the next start.
        }
    }

    private static Optional<Long> readPid(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
