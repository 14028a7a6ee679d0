package dev.rill.server.stats;

import dev.rill.codec.media.AudioInfo;
import dev.rill.codec.media.VideoInfo;
import dev.rill.server.live.StreamKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** One stream's figures, alive while it has a publisher or a player. */
public final class StreamStat {
    private final String id;
    private final StreamKey key;
    private final VhostStat vhost;
    private final String url;
    private final long createdMillis;
    private final Traffic traffic = new Traffic();
    private final LongAdder frames = new LongAdder();
    final AtomicInteger clients = new AtomicInteger();
    private volatile String tcUrl = "";
    private volatile String publisherCid;
    private volatile VideoInfo video;
    private volatile AudioInfo audio;

    StreamStat(String id, StreamKey key, VhostStat vhost, long createdMillis) {
        this.id = id;
        this.key = key;
        this.vhost = vhost;
        this.url = StatsRegistry.streamUrl(key);
        this.createdMillis = createdMillis;
    }

    public String id() {
        return id;
    }

    public StreamKey key() {
        return key;
    }

    public VhostStat vhost() {
        return vhost;
    }

    /** SRS's stream url: {@code /app/stream}, prefixed by the vhost unless it is the default one. */
    public String url() {
        return url;
    }

    public String tcUrl() {
        return tcUrl;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public Traffic traffic() {
        return traffic;
    }

    public long frames() {
        return frames.sum();
    }

    public int clients() {
        return clients.get();
    }

    /** The publisher's cid, or null when nobody publishes. */
    public String publisherCid() {
        return publisherCid;
    }

    public VideoInfo video() {
        return video;
    }

    public AudioInfo audio() {
        return audio;
    }

    /** A video frame (not a sequence header) was published. */
    public void onVideoFrame() {
        frames.increment();
    }

    public void setVideo(VideoInfo info) {
        video = info;
    }

    public void setAudio(AudioInfo info) {
        audio = info;
    }

    void onPublish(String cid, String publisherTcUrl) {
        publisherCid = cid;
        tcUrl = publisherTcUrl;
    }

    void onUnpublish(String cid) {
        if (cid.equals(publisherCid)) {
            publisherCid = null;
            video = null;
            audio = null;
        }
    }
}
