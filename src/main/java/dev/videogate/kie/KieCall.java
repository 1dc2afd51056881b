package dev.videogate.kie;

import dev.videogate.catalog.AnswerPath;

/**
 * One GET to Kie.ai that a family declares: a status read or an extra call. Travels as variable "kieRead" in
 * routes/20-kie-client.yaml, which puts {@code path} in kiePath and {@code query} in CamelHttpQuery.
 *
 * @param name      "status", or the extra call's name (e.g. 1080p)
 * @param query     the query string, the task id already in it (URL-encoded)
 * @param resultUrl for an extra call, where its answer holds the URL it adds; null for a status read
 */
public record KieCall(String name, String path, String query, AnswerPath resultUrl) {
}
