package dev.rill.server.config;

/**
 * One vhost's settings, with SRS 3 defaults filled in. Compared by value, so a reload can tell
 * which vhosts changed.
 *
 * @param name                vhost name; {@value RillConfig#DEFAULT_VHOST} serves every other host
 * @param enabled             {@code enabled}, default on
 * @param chunkSize           {@code chunk_size}, default the root chunk_size
 * @param minLatency          {@code min_latency}, default off; when on, mw_latency is 0 and mr off
 * @param tcpNodelay          {@code tcp_nodelay}, default off
 * @param inAckSize           {@code in_ack_size} in bytes, default 0 (no acknowledgements asked)
 * @param outAckSize          {@code out_ack_size} in bytes, default 2500000
 * @param gopCache            {@code play.gop_cache}, default on
 * @param queueLengthSeconds  {@code play.queue_length} in seconds of media, default 30
 * @param timeJitter          {@code play.time_jitter}, default full
 * @param mixCorrect          {@code play.mix_correct}, default off
 * @param atc                 {@code play.atc}, default off
 * @param mwLatencyMs         {@code play.mw_latency} in ms, default 350 (0 with min_latency)
 * @param mr                  {@code publish.mr}, default off (off with min_latency)
 * @param mrLatencyMs         {@code publish.mr_latency} in ms, default 350
 * @param firstPktTimeoutMs   {@code publish.firstpkt_timeout} in ms, default 20000
 * @param normalTimeoutMs     {@code publish.normal_timeout} in ms, default 5000
 */
public record VhostConfig(
        String name,
        boolean enabled,
        int chunkSize,
        boolean minLatency,
        boolean tcpNodelay,
        int inAckSize,
        int outAckSize,
        boolean gopCache,
        double queueLengthSeconds,
        TimeJitter timeJitter,
        boolean mixCorrect,
        boolean atc,
        int mwLatencyMs,
        boolean mr,
        int mrLatencyMs,
        int firstPktTimeoutMs,
        int normalTimeoutMs) {

    public static final int DEFAULT_OUT_ACK_SIZE = 2_500_000;
    public static final double DEFAULT_QUEUE_LENGTH_SECONDS = 30;
    public static final int DEFAULT_MW_LATENCY_MS = 350;
    public static final int DEFAULT_MR_LATENCY_MS = 350;
    public static final int DEFAULT_FIRST_PKT_TIMEOUT_MS = 20_000;
    public static final int DEFAULT_NORMAL_TIMEOUT_MS = 5_000;

    /** Reads a checked {@code vhost NAME { ... }} block; {@code rootChunkSize} is the fallback. */
    static VhostConfig from(Directive vhost, int rootChunkSize) {
        Directive play = vhost.get("play");
        Directive publish = vhost.get("publish");
        boolean minLatency = Values.flag(vhost, "min_latency", false);
        // SRS realtime mode: no merged-write delay for players, no merged read for publishers.
        int mwLatency = minLatency ? 0 : Values.integer(play, "mw_latency", DEFAULT_MW_LATENCY_MS);
        boolean mr = !minLatency && Values.flag(publish, "mr", false);
        return new VhostConfig(
                vhost.arg0(),
                Values.flag(vhost, "enabled", true),
                Values.integer(vhost, "chunk_size", rootChunkSize),
                minLatency,
                Values.flag(vhost, "tcp_nodelay", false),
                Values.integer(vhost, "in_ack_size", 0),
                Values.integer(vhost, "out_ack_size", DEFAULT_OUT_ACK_SIZE),
                Values.flag(play, "gop_cache", true),
                Values.decimal(play, "queue_length", DEFAULT_QUEUE_LENGTH_SECONDS),
                TimeJitter.of(Values.text(play, "time_jitter", "full")),
                Values.flag(play, "mix_correct", false),
                Values.flag(play, "atc", false),
                mwLatency,
                mr,
                Values.integer(publish, "mr_latency", DEFAULT_MR_LATENCY_MS),
                Values.integer(publish, "firstpkt_timeout", DEFAULT_FIRST_PKT_TIMEOUT_MS),
                Values.integer(publish, "normal_timeout", DEFAULT_NORMAL_TIMEOUT_MS));
    }
}
