package dev.rill.server.live;

/** Counters a source keeps for logs and, later, the API; updated under the source's monitor. */
public final class SourceStats {
    private long publishedAtMillis;
    private long videoFrames;
    private long audioFrames;
    private long bytesIn;

    synchronized void onPublish() {
        publishedAtMillis = System.currentTimeMillis();
    }

    synchronized void onMessage(SharedMessage msg) {
        bytesIn += msg.size();
        if (msg.isVideo()) {
            videoFrames++;
        } else if (msg.isAudio()) {
            audioFrames++;
        }
    }

    public synchronized long videoFrames() {
        return videoFrames;
    }

    public synchronized long audioFrames() {
        return audioFrames;
    }

    public synchronized long bytesIn() {
        return bytesIn;
    }

    public synchronized long publishedAtMillis() {
        return publishedAtMillis;
    }
}
