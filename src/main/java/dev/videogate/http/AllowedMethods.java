package dev.videogate.http;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.component.platform.http.HttpEndpointModel;

/** Which methods the routes serve on a path (for 405's Allow header), read from platform-http's own endpoint list. */
final class AllowedMethods {

    private final Map<Pattern, String> endpoints;

    private AllowedMethods(Map<Pattern, String> endpoints) {
        this.endpoints = endpoints;
    }

    static AllowedMethods of(Collection<HttpEndpointModel> models) {
        return new AllowedMethods(models.stream().collect(Collectors.toMap(
                m -> template(m.getUri()), m -> m.getVerbs() == null ? "" : m.getVerbs(), (a, b) -> a + "," + b)));
    }

    /** e.g. "GET" for /api/generate/abc; empty when no route serves the path. */
    String on(String path) {
        TreeSet<String> methods = new TreeSet<>();
        endpoints.forEach((pattern, verbs) -> {
            if (pattern.matcher(path).matches()) {
                Arrays.stream(verbs.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(methods::add);
            }
        });
        return String.join(", ", methods);
    }

    /** /api/generate/{id} -> ^/api/generate/[^/]+$ */
    private static Pattern template(String uri) {
        StringBuilder regex = new StringBuilder("^");
        for (String part : uri.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.append("/?$").toString());
    }
}
