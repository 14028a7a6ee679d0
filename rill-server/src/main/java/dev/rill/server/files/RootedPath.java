package dev.rill.server.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file path built from a template and client-chosen names, resolved under the directory it
 * belongs to ({@code hls_path}, {@code dvr_path}'s directory...). The gate already refuses names
 * that could climb out; this is the second wall, so no writer can be pointed outside its root
 * whatever a name or template holds.
 */
public final class RootedPath {
    private RootedPath() {
    }

    /** {@code relative} resolved under {@code root}; an IOException when it would leave it. */
    public static Path resolve(Path root, String relative) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new IOException("path '" + relative + "' leaves " + base + "; refused");
        }
        return file;
    }
}
