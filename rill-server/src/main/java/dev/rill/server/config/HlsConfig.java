package dev.rill.server.config;

import java.nio.file.Path;

/**
 * A vhost's {@code hls { ... }} block with SRS 3's defaults.
 *
 * @param enabled          {@code enabled}, default off
 * @param fragmentSeconds  {@code hls_fragment}: a segment's target length, default 10
 * @param tdRatio          {@code hls_td_ratio}: EXT-X-TARGETDURATION is at least this times the fragment, default 1.5
 * @param aofRatio         {@code hls_aof_ratio}: a segment is cut on audio once this times the fragment long
 *                         (pure audio, or keyframes too far apart), default 2.0
 * @param windowSeconds    {@code hls_window}: how much the playlist spans, default 60
 * @param path             {@code hls_path}: where files are written, default ./objs/nginx/html
 * @param m3u8File         {@code hls_m3u8_file}, default [app]/[stream].m3u8
 * @param tsFile           {@code hls_ts_file}, default [app]/[stream]-[seq].ts
 * @param tsFloor          {@code hls_ts_floor}: [timestamp] is floor(now / fragment), default off
 * @param entryPrefix      {@code hls_entry_prefix}: URL prefix of segments in the playlist, default none
 * @param acodec           {@code hls_acodec}: aac or mp3 (the codec is taken from the stream), an drops audio
 * @param vcodec           {@code hls_vcodec}: h264 (taken from the stream), vn drops video
 * @param cleanup          {@code hls_cleanup}: delete segments that leave the window, default on
 * @param disposeSeconds   {@code hls_dispose}: remove every file this long after unpublish, 0 never (default)
 * @param waitKeyframe     {@code hls_wait_keyframe}: cut video segments only at keyframes, default on
 * @param dtsDirectly      {@code hls_dts_directly}: use the stream's audio timestamps, default on;
 *                         off derives them from the sample count
 * @param onError          {@code hls_on_error}: what a write failure does, default continue
 */
public record HlsConfig(
        boolean enabled,
        double fragmentSeconds,
        double tdRatio,
        double aofRatio,
        double windowSeconds,
        Path path,
        String m3u8File,
        String tsFile,
        boolean tsFloor,
        String entryPrefix,
        String acodec,
        String vcodec,
        boolean cleanup,
        int disposeSeconds,
        boolean waitKeyframe,
        boolean dtsDirectly,
        OnError onError) {

    /** SRS's three answers to a failed HLS write. */
    public enum OnError {
        /** Stop HLS for the stream; the stream itself carries on. */
        IGNORE,
        /** Drop the failed segment and try again with the next one. */
        CONTINUE,
        /** Kick the publisher, so it has to publish again. */
        DISCONNECT
    }

    public static final double DEFAULT_FRAGMENT_SECONDS = 10;
    public static final double DEFAULT_TD_RATIO = 1.5;
    public static final double DEFAULT_AOF_RATIO = 2.0;
    public static final double DEFAULT_WINDOW_SECONDS = 60;
    public static final String DEFAULT_PATH = "./objs/nginx/html";
    public static final String DEFAULT_M3U8_FILE = "[app]/[stream].m3u8";
    public static final String DEFAULT_TS_FILE = "[app]/[stream]-[seq].ts";

    /** The settings of a vhost without an hls block. */
    public static final HlsConfig DISABLED = from(null, Path.of(""));

    /** Reads a checked {@code hls} block; a relative {@code hls_path} is read from {@code workDir}. */
    static HlsConfig from(Directive hls, Path workDir) {
        return new HlsConfig(
                Values.flag(hls, "enabled", false),
                Values.decimal(hls, "hls_fragment", DEFAULT_FRAGMENT_SECONDS),
                Values.decimal(hls, "hls_td_ratio", DEFAULT_TD_RATIO),
                Values.decimal(hls, "hls_aof_ratio", DEFAULT_AOF_RATIO),
                Values.decimal(hls, "hls_window", DEFAULT_WINDOW_SECONDS),
                workDir.resolve(Values.text(hls, "hls_path", DEFAULT_PATH)).normalize(),
                Values.text(hls, "hls_m3u8_file", DEFAULT_M3U8_FILE),
                Values.text(hls, "hls_ts_file", DEFAULT_TS_FILE),
                Values.flag(hls, "hls_ts_floor", false),
                Values.text(hls, "hls_entry_prefix", ""),
                Values.text(hls, "hls_acodec", "aac"),
                Values.text(hls, "hls_vcodec", "h264"),
                Values.flag(hls, "hls_cleanup", true),
                Values.integer(hls, "hls_dispose", 0),
                Values.flag(hls, "hls_wait_keyframe", true),
                Values.flag(hls, "hls_dts_directly", true),
                OnError.valueOf(Values.text(hls, "hls_on_error", "continue").toUpperCase(java.util.Locale.ROOT)));
    }

    public boolean audioDisabled() {
        return acodec.equals("an");
    }

    public boolean videoDisabled() {
        return vcodec.equals("vn");
    }
}
