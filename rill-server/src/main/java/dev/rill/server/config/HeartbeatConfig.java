package dev.rill.server.config;

/**
 * The root {@code heartbeat} block, SRS defaults filled in.
 *
 * @param enabled    {@code enabled}, default off
 * @param intervalMs {@code interval} in seconds, default 9.9, here in ms
 * @param url        {@code url}, default http://127.0.0.1:8085/api/v1/servers
 * @param deviceId   {@code device_id}, default my-srs-device
 * @param summaries  {@code summaries}: include the summaries object, default off
 */
public record HeartbeatConfig(boolean enabled, long intervalMs, String url, String deviceId, boolean summaries) {
    public static final double DEFAULT_INTERVAL_SECONDS = 9.9;
    public static final String DEFAULT_URL = "http://127.0.0.1:8085/api/v1/servers";
    public static final String DEFAULT_DEVICE_ID = "my-srs-device";

    static HeartbeatConfig from(Directive root) {
        Directive hb = root.get("heartbeat");
        return new HeartbeatConfig(
                Values.flag(hb, "enabled", false),
                Math.round(Values.decimal(hb, "interval", DEFAULT_INTERVAL_SECONDS) * 1000),
                Values.text(hb, "url", DEFAULT_URL),
                Values.text(hb, "device_id", DEFAULT_DEVICE_ID),
                Values.flag(hb, "summaries", false));
    }
}
