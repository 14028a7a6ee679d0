package dev.rill.server.config;

/** SRS {@code srs_log_tank}: where log lines go. */
public enum LogTank {
    CONSOLE,
    FILE;

    static LogTank of(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
}
