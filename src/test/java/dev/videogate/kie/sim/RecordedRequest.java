package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A request the simulator received, as tests see it.
 *
 * @param method  HTTP method
 * @param path    request path and query
 * @param headers headers with lower-case names
 * @param rawBody the body as received (UTF-8)
 * @param body    the body parsed as JSON, or {@code null} when it was not valid JSON
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String rawBody,
                              JsonNode body) {

    /** First value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
