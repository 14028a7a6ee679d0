package dev.rill.server.session;

/**
 * What a client does, by SRS 6's names for it (srs_client_type_string): the API's {@code type}
 * and whether it counts as a publisher.
 */
public enum ClientType {
    UNKNOWN("unknown", false),
    RTMP_PLAY("rtmp-play", false),
    FMLE_PUBLISH("fmle-publish", true),
    FLASH_PUBLISH("flash-publish", true),
    HAIVISION_PUBLISH("haivision-publish", true),
    /** Every live stream played over HTTP or WebSocket (FLV, TS, AAC, MP3), as SRS 6 names them all. */
    FLV_PLAY("flv-play", false);

    private final String label;
    private final boolean publish;

    ClientType(String label, boolean publish) {
        this.label = label;
        this.publish = publish;
    }

    public String label() {
        return label;
    }

    public boolean isPublish() {
        return publish;
    }
}
