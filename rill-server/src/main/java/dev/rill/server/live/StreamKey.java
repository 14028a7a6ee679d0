package dev.rill.server.live;

/** The name of a live stream: vhost, app and stream, as in {@code vhost/app/stream}. */
public record StreamKey(String vhost, String app, String stream) {
    @Override
    public String toString() {
        return vhost + "/" + app + "/" + stream;
    }
}
