package dev.rill.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * SRS's rule for a hook's answer (SrsHttpHooks::do_post): only HTTP 200 or 201 whose body is
 * {@code 0}, or a JSON object with an integer {@code code} of 0, allows.
 */
final class HookVerdict {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HookVerdict() {
    }

    /** The outcome and, unless it allows, why not. */
    record Result(HookOutcome outcome, String why) {
    }

    static Result judge(int status, String body) {
        if (status != 200 && status != 201) {
            return new Result(HookOutcome.ERROR, "HTTP status " + status);
        }
        String text = body.strip();
        if (text.equals("0")) {
            return new Result(HookOutcome.ALLOW, null);
        }
        if (text.isEmpty()) {
            return new Result(HookOutcome.DENY, "empty body");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            return new Result(HookOutcome.DENY, "body is neither 0 nor JSON: " + abbreviate(text));
        }
        if (json == null || !json.isObject()) {
            return new Result(HookOutcome.DENY, "body is not 0 or a JSON object: " + abbreviate(text));
        }
        JsonNode code = json.get("code");
        if (code == null || !code.isIntegralNumber()) {
            return new Result(HookOutcome.DENY, "JSON body without an integer code: " + abbreviate(text));
        }
        return code.asLong() == 0 ? new Result(HookOutcome.ALLOW, null)
                : new Result(HookOutcome.DENY, "code " + code.asLong());
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
