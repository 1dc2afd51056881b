package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the curl commands of a doc example with the real curl binary (through bash, as a reader would paste them)
 * against a test bundle, and compares each answer with the one the page shows.
 * <p>
 * The substitutions, and nothing else: {@code localhost:8080} and {@code https://gw.example} become the test bundle's
 * address (in commands and in the answers shown); {@code <generationId>} and {@code gen_…} in a command become the id
 * the last answer (or the test) gave; a {@code "0x…"} in a command's body becomes a fresh 32-byte hex value; the
 * shell variables {@code $TOKEN} (the last {@code accessToken} seen) and {@code $APP_ADMIN_TOKEN} are set.
 * <p>
 * The comparison: every {@code "key":} the page shows is in the answer (at any depth); every value it shows is
 * that key's value somewhere in the answer (numbers by value; a string with {@code …} as a pattern where {@code …}
 * is anything; a timestamp as any timestamp; objects and arrays only as present). The status is the one a comment names, else 2xx unless the shown
 * answer has an {@code "error"}, then 4xx/5xx.
 */
public final class DocExampleRunner {

    private static final Pattern SHOWN = Pattern.compile(
            "\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|null|\\{|\\[)");
    private static final Pattern GENERATION_ID = Pattern.compile("<generationId>|gen_…");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Pattern HEX_PLACEHOLDER = Pattern.compile("\"0x…\"");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String base;
    private final Map<String, String> env = new HashMap<>();
    private final Path workDir;
    private String generationId;

    public DocExampleRunner(GatewayClient gateway, String adminToken) throws IOException {
        this.base = "127.0.0.1:" + gateway.port();
        this.env.put("APP_ADMIN_TOKEN", adminToken);
        this.env.put("TOKEN", "no-token-seen-yet");
        // a folder of its own: a command's -o file lands there
        this.workDir = Files.createTempDirectory(Files.createDirectories(TestPaths.output("doc-examples")), "run");
    }

    /** The id a command's {@code <generationId>} / {@code gen_…} stands for, when the test made it itself. */
    public void generationId(String id) {
        this.generationId = id;
    }

    public void accessToken(String token) {
        env.put("TOKEN", token);
    }

    /** Runs every step of the example; returns what differs from the page (empty: the page is true). */
    public List<String> run(DocCommands.Example example) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (DocCommands.Step step : example.steps()) {
            String command = localize(step.command());
            if (generationId != null) {
                command = GENERATION_ID.matcher(command).replaceAll(Matcher.quoteReplacement(generationId));
            }
            command = HEX_PLACEHOLDER.matcher(command).replaceAll("\"0x" + "ab".repeat(32) + "\"");
            if (!command.startsWith("curl ")) {
                wrong.add(example.where() + ": not a curl command: " + step.command());
                continue;
            }
            // the status after the body, on a line of its own (-w), however the command itself prints
            command = "curl -w '\\n%{http_code}' " + command.substring("curl ".length());
            Answer answer = curl(command);
            String problem = compare(step, answer);
            if (problem != null) {
                wrong.add(example.where() + ": `" + step.command() + "` " + problem + "; answered " + answer.status + " " + answer.body);
            }
            remember(answer.body);
        }
        return wrong;
    }

    private String localize(String text) {
        return text.replace("https://gw.example", "http://" + base).replace("localhost:8080", base);
    }

    private record Answer(int status, String body) {
    }

    private Answer curl(String command) throws Exception {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile()).redirectErrorStream(true);
        bash.environment().putAll(env);
        Process process = bash.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish in 90 s: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        int cut = out.lastIndexOf('\n');
        String code = out.substring(cut + 1).strip();
        if (!code.matches("\\d{3}")) {
            throw new AssertionError("curl gave no status (exit " + process.exitValue() + "): " + out + " for " + command);
        }
        return new Answer(Integer.parseInt(code), cut < 0 ? "" : out.substring(0, cut));
    }

    private void remember(String body) {
        JsonNode json = parseOrNull(body);
        if (json == null) {
            return;
        }
        if (json.hasNonNull("generationId")) {
            generationId = json.get("generationId").asText();
        }
        if (json.hasNonNull("accessToken")) {
            env.put("TOKEN", json.get("accessToken").asText());
        }
    }

    private String compare(DocCommands.Step step, Answer answer) {
        String expected = step.expected() == null ? null : localize(step.expected());
        boolean shownError = expected != null && expected.contains("\"error\"");
        if (step.status() != 0 ? answer.status != step.status()
                : shownError ? answer.status < 400 : answer.status / 100 != 2) {
            return "status " + answer.status + ", the page says " + (step.status() != 0 ? step.status() : shownError ? "an error" : "2xx");
        }
        if (expected == null) {
            return null;
        }
        JsonNode actual = parseOrNull(answer.body);
        if (actual == null) {
            return "not JSON";
        }
        Map<String, List<JsonNode>> values = new HashMap<>();
        collect(actual, values);
        Matcher shown = SHOWN.matcher(expected);
        List<String> differences = new ArrayList<>();
        while (shown.find()) {
            String key = shown.group(1);
            String value = shown.group(2);
            List<JsonNode> candidates = values.getOrDefault(key, List.of());
            if (candidates.isEmpty()) {
                differences.add("no \"" + key + "\"");
            } else if (!value.equals("{") && !value.equals("[") && candidates.stream().noneMatch(c -> same(value, c))) {
                differences.add("\"" + key + "\" is not " + value);
            }
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static boolean same(String shown, JsonNode actual) {
        if (shown.startsWith("\"")) {
            String text = shown.substring(1, shown.length() - 1);
            if (!actual.isTextual()) {
                return false;
            }
            if (TIMESTAMP.matcher(text).matches()) {
                return TIMESTAMP.matcher(actual.asText()).matches(); // a moment shown stands for any moment
            }
            if (!text.contains("…")) {
                return text.equals(actual.asText());
            }
            StringBuilder pattern = new StringBuilder();
            for (String part : text.split("…", -1)) {
                if (pattern.length() > 0 || text.startsWith("…")) {
                    pattern.append(".*");
                }
                pattern.append(Pattern.quote(part));
            }
            return Pattern.compile(pattern.toString(), Pattern.DOTALL).matcher(actual.asText()).matches();
        }
        if (shown.equals("null")) {
            return actual.isNull();
        }
        if (shown.equals("true") || shown.equals("false")) {
            return actual.isBoolean() && actual.asBoolean() == Boolean.parseBoolean(shown);
        }
        return actual.isNumber() && actual.decimalValue().compareTo(new BigDecimal(shown)) == 0;
    }

    private static void collect(JsonNode node, Map<String, List<JsonNode>> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue());
                collect(field.getValue(), values);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, values));
        }
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return body.isBlank() ? null : MAPPER.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
