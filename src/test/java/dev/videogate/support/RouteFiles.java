package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The route files as data, read by the YAML engine Camel's YAML DSL uses (snakeyaml-engine), so a scalar has the
 * type Camel sees: {@code 202} is a number, {@code "202"} a string.
 */
public final class RouteFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteFiles() {
    }

    /** Every routes/*.yaml by file name, in name order. */
    public static Map<String, JsonNode> all() {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            for (Path file : listing.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader text = Files.newBufferedReader(file)) {
                    files.put(file.getFileName().toString(), parse(text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no routes/*.yaml under " + Path.of("routes").toAbsolutePath());
        }
        return files;
    }

    /**
     * A copy of routes/*.yaml in {@code dir}, for a bundle started on it ({@code camel.main.routes-include-pattern}),
     * so a test edits the flow as an engineer would without touching the project's files.
     */
    public static void copyTo(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            for (Path file : listing.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }

    /** Puts {@code text} right after the first {@code anchor} in {@code file}; fails when the anchor is not there. */
    public static void insertAfter(Path file, String anchor, String text) throws IOException {
        String flow = Files.readString(file);
        int at = flow.indexOf(anchor);
        if (at <= 0) {
            throw new AssertionError(file.getFileName() + " has no '" + anchor.strip() + "'");
        }
        Files.writeString(file, flow.substring(0, at + anchor.length()) + text + flow.substring(at + anchor.length()));
    }

    /** One YAML text as a JSON tree. */
    public static JsonNode parse(Reader yaml) {
        return JSON.valueToTree(new Load(LoadSettings.builder().build()).loadFromReader(yaml));
    }
}
