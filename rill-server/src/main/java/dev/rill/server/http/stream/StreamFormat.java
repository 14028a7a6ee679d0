package dev.rill.server.http.stream;

/** What an {@code http_remux} mount streams, chosen by its extension as in SRS. */
public enum StreamFormat {
    FLV(".flv", "video/x-flv"),
    AAC(".aac", "audio/x-aac"),
    MP3(".mp3", "audio/mpeg"),
    TS(".ts", "video/MP2T");

    private final String extension;
    private final String contentType;

    StreamFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether only audio is streamed (the formats SRS gives a {@code fast_cache} to). */
    public boolean audioOnly() {
        return this == AAC || this == MP3;
    }

    /** The format a mount's extension names, or null. */
    public static StreamFormat ofMount(String mount) {
        for (StreamFormat f : values()) {
            if (mount.endsWith(f.extension)) {
                return f;
            }
        }
        return null;
    }
}
