package dev.videogate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting the bundle reads is in docs/configuration.md's settings table: every app.* key named in the Java code
 * (a string literal), in routes/*.yaml and sql/*.sql (a {{placeholder}} or ${properties:…}) or set in application.properties, and the
 * camel.server.* and camel.management.* keys (the HTTP and management servers an operator places). The other camel.*
 * keys of application.properties are the framework's wiring (components, beans, route loading), explained there.
 * <p>
 * A table row's first cell may name several keys, the first in full and the next ones by their tail within the same
 * group ({@code `app.poll.backoff-base-ms` / `-max-ms`}, {@code `app.storage.s3.bucket`, `prefix`}); {@code <name>}
 * stands for any one segment.
 */
class EverySettingIsListedTest {

    private static final Pattern JAVA_KEY = Pattern.compile("\"((?:app|camel)\\.[a-z0-9][a-z0-9.-]*[a-z0-9])\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("(?:\\{\\{\\??|\\$\\{properties:)((?:app|camel)\\.[a-z0-9][a-z0-9.-]*[a-z0-9])");
    private static final Pattern PROPERTY = Pattern.compile("(?m)^\\s*((?:app|camel)\\.[a-z0-9.-]+?)\\s*=");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everySettingTheCodeReadsIsInTheTable() throws IOException {
        TreeMap<String, TreeSet<String>> read = settingsRead();
        assertTrue(read.size() > 80, "the scan finds the settings: " + read.keySet());
        List<Pattern> documented = documented();
        List<String> missing = new ArrayList<>();
        String table = Files.readString(Path.of("docs/configuration.md"));
        read.forEach((key, where) -> {
            // a prefix the code builds keys from ("app.x402.accepts" + "[i].network") is not a setting of its own
            boolean prefix = table.contains("`" + key + "[") || read.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
            if (!prefix && documented.stream().noneMatch(p -> p.matcher(key).matches())) {
                missing.add(key + " " + where);
            }
        });
        assertEquals(List.of(), missing, "settings the code reads that docs/configuration.md's table does not list");
    }

    @Test
    void everyEnvironmentNameOfTheSeedIsInTheTable() throws IOException {
        // application.properties' {{env:NAME}} placeholders: the seed's names (KIE_AI_API_KEY, DATABASE_URL...)
        String file = Files.readString(Path.of("application.properties"));
        String table = String.join("\n", Files.readAllLines(Path.of("docs/configuration.md")).stream().filter(l -> l.startsWith("| `")).toList());
        List<String> missing = new ArrayList<>();
        for (Matcher env = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(file); env.find(); ) {
            if (!table.contains("`" + env.group(1) + "`")) {
                missing.add(env.group(1));
            }
        }
        assertEquals(List.of(), missing, "environment variables application.properties reads that the table does not name");
    }

    @Test
    void aRowsShorthandIsReadAsWritten() {
        List<Pattern> row = patternsOf("| `app.poll.backoff-base-ms` / `-max-ms` | | `5000` / `120000` | x |");
        assertTrue(row.stream().anyMatch(p -> p.matcher("app.poll.backoff-max-ms").matches()));
        assertTrue(row.stream().noneMatch(p -> p.matcher("app.poll.batch-size").matches()));
        List<Pattern> models = patternsOf("| `app.models.<name>.price-usd` | `PRICE_VIDEO_SORA_2` | | x |");
        assertTrue(models.stream().anyMatch(p -> p.matcher("app.models.sora-2.price-usd").matches()));
    }

    /** key → where it is read. */
    static TreeMap<String, TreeSet<String>> settingsRead() throws IOException {
        TreeMap<String, TreeSet<String>> read = new TreeMap<>();
        for (Path source : files("src/main/java", ".java")) {
            collect(JAVA_KEY, source, read);
        }
        for (Path source : files("routes", ".yaml")) {
            collect(PLACEHOLDER, source, read);
        }
        for (Path source : files("sql", ".sql")) {
            collect(PLACEHOLDER, source, read);
        }
        collect(PROPERTY, Path.of("application.properties"), read);
        read.keySet().removeIf(key -> key.startsWith("camel.")
                && !key.startsWith("camel.server.") && !key.startsWith("camel.management."));
        return read;
    }

    private static void collect(Pattern pattern, Path source, TreeMap<String, TreeSet<String>> read) throws IOException {
        for (Matcher m = pattern.matcher(Files.readString(source)); m.find(); ) {
            read.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(source.getFileName().toString());
        }
    }

    private static List<Path> files(String dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    private static List<Pattern> documented() throws IOException {
        List<Pattern> keys = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            if (line.startsWith("| `")) {
                keys.addAll(patternsOf(line));
            }
        }
        return keys;
    }

    /** The keys a table row's first cell names, as patterns. */
    static List<Pattern> patternsOf(String row) {
        String cell = row.substring(1, row.indexOf('|', 1));
        List<Pattern> keys = new ArrayList<>();
        String group = null;
        for (Matcher code = CODE.matcher(cell); code.find(); ) {
            String name = code.group(1);
            if (name.startsWith("app.") || name.startsWith("camel.")) {
                group = name.substring(0, name.lastIndexOf('.') + 1);
                keys.add(keyPattern(name));
            } else if (group != null) {
                // a tail within the group: `-max-ms` after app.poll.backoff-base-ms, `prefix` after app.storage.s3.bucket
                keys.add(Pattern.compile(Pattern.quote(group) + (name.startsWith("-") ? "[a-z0-9-]*" : "") + keyPattern(name).pattern()));
            }
        }
        return keys;
    }

    private static Pattern keyPattern(String name) {
        StringBuilder pattern = new StringBuilder();
        for (String part : name.split("<[^>]+>", -1)) {
            if (pattern.length() > 0 || name.startsWith("<")) {
                pattern.append("[a-z0-9-]+");
            }
            pattern.append(Pattern.quote(part));
        }
        return Pattern.compile(pattern.toString());
    }
}
