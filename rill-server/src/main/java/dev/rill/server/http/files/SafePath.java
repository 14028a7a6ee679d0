package dev.rill.server.http.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Maps a request path onto a file under a root directory without ever leaving it. The path is
 * percent-decoded once (RFC 3986 section 2.1); an encoded slash or backslash, a NUL, a backslash
 * or a {@code ..} segment is refused rather than interpreted, and the result must still lie under
 * the root once normalized. Symbolic links are checked when the file is opened (see
 * {@link StaticFileRoute}), since that needs the file system.
 */
public final class SafePath {
    /** Why a path was refused; the route answers {@link #status}. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private SafePath() {
    }

    /**
     * The file {@code rawPath} (as sent, still percent-encoded, without query) names under
     * {@code root} (absolute and normalized).
     */
    public static Path resolve(Path root, String rawPath) throws Refused {
        String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            throw new Refused(403, "encoded slash, backslash or NUL in path");
        }
        String path = percentDecode(rawPath);
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw new Refused(403, "backslash or NUL in path");
        }
        Path file = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new Refused(403, "'..' in path");
            }
            file = file.resolve(segment);
        }
        file = file.normalize();
        if (!file.startsWith(root)) {
            throw new Refused(403, "path leaves the root");
        }
        return file;
    }

    /** Decodes %XX escapes as UTF-8; '+' stays '+' (it means a space only in query strings). */
    static String percentDecode(String s) throws Refused {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                continue;
            }
            if (i + 2 >= s.length()) {
                throw new Refused(400, "truncated percent escape in path");
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw new Refused(400, "bad percent escape in path");
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "path is not UTF-8");
        }
    }
}
