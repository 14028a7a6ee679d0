package dev.rill.server.cluster;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.server.config.HostPort;
import java.io.IOException;

/**
 * Reads a coworker's {@code /api/v1/clusters} answer, SRS's
 * {@code {"code":0,"data":{"query":{...},"origin":{"ip":..,"port":..,...}}}} with a null origin
 * when the coworker does not have the stream. Anything else is an error naming what was wrong.
 */
final class ClusterAnswer {
    private ClusterAnswer() {
    }

    /** The origin that has the stream, or null; IOException when {@code body} is not that shape. */
    static HostPort origin(ObjectMapper json, String api, byte[] body) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new IOException(api + " answered something that is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IOException(api + " answered JSON that is not an object");
        }
        if (!root.path("code").isIntegralNumber() || root.path("code").asInt() != 0) {
            throw new IOException(api + " answered code " + root.path("code"));
        }
        JsonNode data = root.path("data");
        if (!data.isObject() || !data.has("origin")) {
            throw new IOException(api + " answered without data.origin");
        }
        JsonNode origin = data.get("origin");
        if (origin.isNull()) {
            return null;
        }
        JsonNode ip = origin.path("ip");
        JsonNode port = origin.path("port");
        if (!ip.isTextual() || ip.asText().isBlank() || !port.isIntegralNumber() || port.asInt() < 1
                || port.asInt() > 65535) {
            throw new IOException(api + " answered an origin without a usable ip and port: " + origin);
        }
        try {
            return new HostPort(ip.asText(), port.asInt());
        } catch (RuntimeException e) {
            throw new IOException(api + " answered a bad origin address: " + e.getMessage());
        }
    }
}
