package dev.rill.server.session;

import org.slf4j.event.Level;

/** Why a client's connection ended, and at which level its last log line says so. */
public record EndReason(String kind, String message, Level level) {
    public static EndReason client(String message) {
        return new EndReason("client disconnected", message, Level.INFO);
    }

    public static EndReason server(String message) {
        return new EndReason("server closed the connection", message, Level.WARN);
    }

    public static EndReason fault(String message) {
        return new EndReason("connection failed", message, Level.ERROR);
    }
}
