package dev.rill.server.hls;

import dev.rill.server.config.HlsConfig;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What outlives one publisher of a stream: its playlist, the sequence numbers and the files on
 * disk. Kept for the life of the server (a few hundred bytes per stream name) so that numbering
 * continues across publishers and a disposal never races a later publisher's files. File work
 * runs only on virtual threads (a session's writer or the disposer), under {@link #lock}.
 */
final class HlsStream {
    final StreamKey key;
    final ReentrantLock lock = new ReentrantLock();
    /** Bumped by every publish; a disposal scheduled under an older value does nothing. */
    final AtomicInteger generation = new AtomicInteger();
    private final HlsPlaylist playlist = new HlsPlaylist();
    private volatile CompletableFuture<Void> lastSession = CompletableFuture.completedFuture(null);
    private long nextSeq;
    private Path m3u8;

    HlsStream(StreamKey key) {
        this.key = key;
    }

    /** Chains a new session after the previous one; returns the future the new one must await. */
    CompletableFuture<Void> follow(CompletableFuture<Void> session) {
        CompletableFuture<Void> previous = lastSession;
        lastSession = session;
        return previous;
    }

    /** Under the lock. True when earlier segments are listed, so the session starts a discontinuity. */
    boolean hasSegments() {
        return !playlist.isEmpty();
    }

    long takeSeq() {
        return nextSeq++;
    }

    /**
     * Under the lock: lists a finished segment, drops what leaves the window (deleting it with
     * {@code hls_cleanup}) and rewrites the playlist atomically.
     */
    void addSegment(HlsSegment segment, Path m3u8File, HlsConfig config, ContextLog log) throws IOException {
        playlist.add(segment);
        List<HlsSegment> dropped = playlist.shrink(Math.round(config.windowSeconds() * 1000));
        if (config.cleanup()) {
            for (HlsSegment s : dropped) {
                deleteQuietly(s.file(), log);
            }
        }
        m3u8 = m3u8File;
        writeAtomically(m3u8File, playlist.render(config.fragmentSeconds() * config.tdRatio()));
    }

    /**
     * Removes the playlist and every listed segment, unless a publisher came back since
     * {@code generationAtUnpublish}. Sequence numbers go on.
     */
    void dispose(int generationAtUnpublish, ContextLog log) {
        lock.lock();
        try {
            if (generation.get() != generationAtUnpublish) {
                return;
            }
            List<HlsSegment> all = playlist.clear();
            for (HlsSegment s : all) {
                deleteQuietly(s.file(), log);
            }
            if (m3u8 != null) {
                deleteQuietly(m3u8, log);
            }
            log.trace("HLS disposed {}: removed {} segments and the playlist", key, all.size());
            m3u8 = null;
        } finally {
            lock.unlock();
        }
    }

    /** Writes beside the target, then renames over it, so readers see the old or the new whole file. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".temp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path file, ContextLog log) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("HLS could not delete {}: {}", file, e.toString());
        }
    }
}
