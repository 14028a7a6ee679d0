package dev.rill.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An API answer before it is written: a status, and JSON or plain text. */
record ApiResponse(int status, String contentType, String body) {
    static final String JSON = "application/json";

    static ApiResponse json(ObjectNode node) {
        return json(200, node);
    }

    static ApiResponse json(int status, ObjectNode node) {
        return new ApiResponse(status, JSON, node.toString());
    }

    static ApiResponse text(int status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text);
    }

    boolean isJson() {
        return JSON.equals(contentType);
    }
}
