package dev.rill.server.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blocks of SRS 3 features Rill does not serve yet, with the directive names SRS 3 accepts in
 * each (from SRS 3's {@code check_normal_config} and its {@code conf/full.conf}). Their contents
 * are checked so a typo is found now, not when the feature arrives. Where SRS 3 itself checks a
 * block's names ({@code transcode}, {@code dvr}, ...), an unknown name is an error as in SRS;
 * where it does not ({@code hds}, an ingest's {@code input} and {@code engine}), a warning. A
 * child block with no entry here (ffmpeg's {@code vfilter}, {@code vparams}, {@code aparams})
 * holds free-form ffmpeg options and is not looked into.
 */
final class SrsFeatureBlocks {
    /** One block: the feature it configures, the names SRS 3 knows in it, whether SRS 3 checks them. */
    record Block(String feature, Set<String> names, boolean srsChecks) {
        /** The known names, sorted, for messages. */
        String known() {
            return String.join(", ", new TreeSet<>(names));
        }
    }

    private static final Set<String> ENGINE = Set.of("enabled", "vfilter", "vcodec", "vbitrate", "vfps",
            "vwidth", "vheight", "vthreads", "vprofile", "vpreset", "vparams", "acodec", "abitrate",
            "asample_rate", "achannels", "aparams", "output", "perfile", "iformat", "oformat");

    private static final Map<String, Block> BLOCKS = Map.ofEntries(
            Map.entry("root.stats", new Block("system statistics", Set.of("network", "disk"), true)),
            Map.entry("root.stream_caster", new Block("stream casters (MPEG-TS over UDP, RTSP, HTTP-FLV push)",
                    Set.of("enabled", "caster", "output", "listen", "rtp_port_min", "rtp_port_max"), true)),
            Map.entry("vhost.dvr", new Block("DVR", Set.of("enabled", "dvr_apply", "dvr_path", "dvr_plan",
                    "dvr_duration", "dvr_wait_keyframe", "time_jitter"), true)),
            Map.entry("vhost.exec", new Block("exec on publish", Set.of("enabled", "publish"), true)),
            Map.entry("vhost.ingest", new Block("ingest", Set.of("enabled", "input", "ffmpeg", "engine"), true)),
            Map.entry("vhost.ingest.input", new Block("ingest", Set.of("type", "url"), false)),
            Map.entry("vhost.ingest.engine", new Block("ingest", ENGINE, false)),
            Map.entry("vhost.transcode", new Block("transcode", Set.of("enabled", "ffmpeg", "engine"), true)),
            Map.entry("vhost.transcode.engine", new Block("transcode", ENGINE, true)),
            Map.entry("vhost.http_static", new Block("per-vhost static HTTP (SRS 1's vhost http)",
                    Set.of("enabled", "mount", "dir"), true)),
            Map.entry("vhost.hds", new Block("HDS", Set.of("enabled", "hds_fragment", "hds_window", "hds_path"),
                    false)),
            Map.entry("vhost.dash", new Block("DASH", Set.of("enabled", "dash_fragment", "dash_update_period",
                    "dash_timeshift", "dash_path", "dash_mpd_file"), true)),
            Map.entry("vhost.bandcheck", new Block("bandwidth check",
                    Set.of("enabled", "key", "interval", "limit_kbps"), true)));

    private SrsFeatureBlocks() {
    }

    /** The block {@code name} opens inside {@code context} ({@code root}, {@code vhost.ingest}...), or null. */
    static Block child(String context, String name) {
        return BLOCKS.get(path(context, name));
    }

    /** The context name of the block {@code name} inside {@code context}. */
    static String path(String context, String name) {
        return context + "." + name;
    }
}
