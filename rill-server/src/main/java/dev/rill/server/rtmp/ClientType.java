package dev.rill.server.rtmp;

/** How a client identified itself, as SRS tells them apart (SrsRtmpConnType). */
public enum ClientType {
    UNKNOWN("unknown", false),
    PLAY("rtmp-play", false),
    FMLE_PUBLISH("fmle-publish", true),
    FLASH_PUBLISH("flash-publish", true),
    HAIVISION_PUBLISH("haivision-publish", true);

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
