package dev.rill.server.http.stream;

import dev.rill.server.config.RillConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vhost's {@code http_remux} mount, e.g. {@code [vhost]/[app]/[stream].flv}, as SRS mounts it:
 * {@code [vhost]} is replaced by the vhost name and the default vhost's {@code __defaultVhost__/}
 * prefix dropped, so the default vhost serves {@code /live/cam.flv}. A mount that still starts
 * with a host after that ({@code example.com/live/cam.flv}) matches only requests whose Host is
 * that name, as SRS's HTTP mux treats host-qualified patterns. {@code [app]} and {@code [stream]}
 * each match one path segment.
 */
public final class MountTemplate {
    private final String vhost;
    private final StreamFormat format;
    /** Host the pattern is bound to, or null for any host. */
    private final String host;
    /** The path part, with variables, starting with '/'. */
    private final String path;
    private final Pattern pattern;

    public MountTemplate(String vhost, String mount) {
        this.vhost = vhost;
        this.format = StreamFormat.ofMount(mount);
        if (format == null) {
            throw new IllegalArgumentException("mount has no stream extension: " + mount);
        }
        String m = mount.replace("[vhost]", vhost);
        m = m.replace(RillConfig.DEFAULT_VHOST + "/", "/");
        if (m.startsWith("/")) {
            this.host = null;
            this.path = m.replaceAll("/+", "/");
        } else {
            int slash = m.indexOf('/');
            this.host = slash < 0 ? m : m.substring(0, slash);
            this.path = slash < 0 ? "/" : m.substring(slash).replaceAll("/+", "/");
        }
        this.pattern = compile(path);
    }

    public String vhost() {
        return vhost;
    }

    public StreamFormat format() {
        return format;
    }

    /** App and stream when {@code requestPath} (decoded, no query) fits this mount for {@code requestHost}. */
    public Match match(String requestHost, String requestPath) {
        if (host != null && !host.equalsIgnoreCase(requestHost)) {
            return null;
        }
        Matcher m = pattern.matcher(requestPath);
        if (!m.matches()) {
            return null;
        }
        return new Match(group(m, "app"), group(m, "stream"));
    }

    /** The URL path a player uses for {@code app}/{@code stream} on this mount. */
    public String pathFor(String app, String stream) {
        return path.replace("[app]", app).replace("[stream]", stream);
    }

    /** App and stream named by a request; empty strings for a variable the mount lacks. */
    public record Match(String app, String stream) {
    }

    private static String group(Matcher m, String name) {
        try {
            String v = m.group(name);
            return v == null ? "" : v;
        } catch (IllegalArgumentException absent) {
            return "";
        }
    }

    private static Pattern compile(String path) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        boolean app = false;
        boolean stream = false;
        while (i < path.length()) {
            if (!app && path.startsWith("[app]", i)) {
                re.append("(?<app>[^/]+)");
                app = true;
                i += "[app]".length();
            } else if (!stream && path.startsWith("[stream]", i)) {
                re.append("(?<stream>[^/]+?)");
                stream = true;
                i += "[stream]".length();
            } else {
                int next = nextVariable(path, i + 1);
                re.append(Pattern.quote(path.substring(i, next)));
                i = next;
            }
        }
        return Pattern.compile(re.toString());
    }

    private static int nextVariable(String path, int from) {
        int a = path.indexOf("[app]", from);
        int s = path.indexOf("[stream]", from);
        int next = path.length();
        if (a >= 0) {
            next = Math.min(next, a);
        }
        if (s >= 0) {
            next = Math.min(next, s);
        }
        return next;
    }
}
