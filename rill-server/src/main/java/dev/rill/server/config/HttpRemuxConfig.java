package dev.rill.server.config;

/**
 * A vhost's {@code http_remux { }} block (SRS's HTTP live streaming), with SRS's defaults.
 *
 * @param enabled          {@code enabled}, default off
 * @param mount            {@code mount}, default {@value #DEFAULT_MOUNT}; the variables
 *                         {@code [vhost]}, {@code [app]} and {@code [stream]}, and the extension
 *                         ({@code .flv}, {@code .aac}, {@code .mp3}, {@code .ts}) choosing the format
 * @param fastCacheSeconds {@code fast_cache}, default 0: seconds of audio a new audio-only
 *                         ({@code .aac}, {@code .mp3}) player gets at once
 */
public record HttpRemuxConfig(boolean enabled, String mount, double fastCacheSeconds) {
    public static final String DEFAULT_MOUNT = "[vhost]/[app]/[stream].flv";
    public static final HttpRemuxConfig DISABLED = new HttpRemuxConfig(false, DEFAULT_MOUNT, 0);

    /** A mount ends in one of the extensions SRS streams. */
    static final ValueType MOUNT = value -> value.endsWith(".flv") || value.endsWith(".aac")
            || value.endsWith(".mp3") || value.endsWith(".ts")
            ? null : "takes a path ending .flv, .aac, .mp3 or .ts, not '" + value + "'";

    static HttpRemuxConfig from(Directive vhost) {
        Directive block = vhost == null ? null : vhost.get("http_remux");
        if (block == null) {
            return DISABLED;
        }
        return new HttpRemuxConfig(
                Values.flag(block, "enabled", false),
                Values.text(block, "mount", DEFAULT_MOUNT),
                Values.decimal(block, "fast_cache", 0));
    }
}
