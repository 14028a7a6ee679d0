package dev.rill.server.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root {@code limits} block (Rill's own): byte bounds that hold whatever a client sends, and
 * the send timeout. Sizes take a whole number of bytes or one with a {@code k}, {@code m} or
 * {@code g} suffix (binary multiples). Read at start; a reload does not change them.
 *
 * @param commandMessageBytes  {@code command_message}: the largest RTMP message a client may send
 *                             before its publish is granted (connect, play, publish); default 64k.
 *                             Incomplete messages of such a client: twice that.
 * @param mediaMessageBytes    {@code media_message}: the largest RTMP message of a granted
 *                             publisher; default 8m (the wire allows 16m - 1). Incomplete
 *                             messages of one publisher: twice that.
 * @param unpublishedBytes     {@code unpublished_total}: incomplete messages of every client not
 *                             publishing, together; default 64m or a quarter of the direct memory,
 *                             whichever is less
 * @param queueBytes           {@code queue}: each player's and forwarder's queue; default 64m
 * @param gopCacheBytes        {@code gop_cache}: each stream's GOP cache; default 64m
 * @param mediaBytes           {@code media_total}: all queues and GOP caches together; default
 *                             half the direct memory
 * @param sendTimeoutMs        {@code send_timeout} in seconds: a player whose socket takes nothing
 *                             for this long while data waits is closed; default 30, as SRS
 */
public record MemoryLimits(int commandMessageBytes, int mediaMessageBytes, long unpublishedBytes, long queueBytes,
                           long gopCacheBytes, long mediaBytes, long sendTimeoutMs) {
    static final ValueType BYTES = MemoryLimits::sizeProblem;
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})([kmg]?)");
    private static final long MAX_WIRE_MESSAGE = 0xFFFFFF;

    static MemoryLimits from(Directive root, long maxDirectMemory) {
        Directive d = root.get("limits");
        return new MemoryLimits(
                (int) size(d, "command_message", 64 << 10),
                (int) size(d, "media_message", 8 << 20),
                size(d, "unpublished_total", Math.min(64L << 20, maxDirectMemory / 4)),
                size(d, "queue", 64L << 20),
                size(d, "gop_cache", 64L << 20),
                size(d, "media_total", maxDirectMemory / 2),
                Math.round(Values.decimal(d, "send_timeout", 30) * 1000));
    }

    /** The size in bytes {@code text} names, or -1 when it is not one. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static String sizeProblem(String value) {
        return parseSize(value) < 0 ? "takes a size in bytes such as 65536, 64k or 8m, not '" + value + "'" : null;
    }

    /** The two message sizes must fit the wire's 24-bit length. */
    static final ValueType MESSAGE = value -> {
        String problem = sizeProblem(value);
        if (problem != null) {
            return problem;
        }
        return parseSize(value) > MAX_WIRE_MESSAGE ? value + " is larger than an RTMP message can be ("
                + MAX_WIRE_MESSAGE + " bytes)" : null;
    };

    private static long size(Directive parent, String name, long fallback) {
        Directive d = parent == null ? null : parent.get(name);
        return d == null ? fallback : parseSize(d.arg0());
    }
}
