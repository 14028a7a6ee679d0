package dev.rill.server.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading Linux's /proc text: a file that cannot be read is empty, a number that does not parse is 0. */
final class ProcText {
    private ProcText() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** The first number after {@code name:} on its line (/proc/meminfo, /proc/self/status), or 0. */
    static long colonField(String text, String name) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(name + ":")) {
                return parseLong(words(line.substring(name.length() + 1))[0]);
            }
        }
        return 0;
    }

    /** The number after {@code name } on its line (/proc/vmstat), or -1 when there is no such line. */
    static long spaceField(String text, String name) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(name + " ")) {
                return parseLong(words(line.substring(name.length()))[0]);
            }
        }
        return -1;
    }

    static String[] words(String line) {
        return line.trim().split("\\s+");
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
