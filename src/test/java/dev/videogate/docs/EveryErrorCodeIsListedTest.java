package dev.videogate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error code the bundle can answer, collected from its code, is in docs/api.md's error table with its status:
 * the ApiException kinds ({@code new NotFound("not_in_ledger", …)}, {@code badRequest("invalid_json", …)}), the
 * answers written with a status and a code ({@code JsonAnswers.error(response, 405, "method_not_allowed", …)}), and
 * error bodies whose status is set elsewhere ({@code errorBody("request_timeout", …)}), and the 402's codes (its
 * {@code code} field: x402/Refusal, payment/ChallengeAnswers). The x402 reasons of a 402 (x402/RejectionReasons, in
 * its {@code error} and {@code reason}) are x402's own wire strings, not ours, and not collected here.
 */
class EveryErrorCodeIsListedTest {

    private static final Pattern KIND = Pattern.compile("class (\\w+) extends ApiException");
    private static final Pattern SUBKIND = Pattern.compile("class (\\w+) extends (\\w+)");
    private static final Pattern KIND_STATUS = Pattern.compile("super\\((\\d{3}), ");
    private static final Pattern WITH_STATUS = Pattern.compile("\\b([45]\\d{2}),\\s*\"([a-z][a-z0-9_]+)\"");
    private static final Pattern BAD_REQUEST = Pattern.compile("badRequest\\(\\s*\"([a-z][a-z0-9_]+)\"");
    private static final Pattern BODY_ONLY = Pattern.compile("errorBody\\(\"([a-z][a-z0-9_]+)\"");
    /** The 402's own codes: x402/Refusal's constants and the plain challenge's (payment/ChallengeAnswers). */
    private static final Pattern PAYMENT_CODE = Pattern.compile("String [A-Z_]+ = \"([a-z][a-z0-9_]+)\"|refusal == null \\? \"([a-z][a-z0-9_]+)\"");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| (\\d{3}) \\| (.*)$");

    @Test
    void everyCodeInTheCodeIsInTheErrorTableWithItsStatus() throws IOException {
        Map<String, TreeSet<String>> found = codesInTheCode();
        assertTrue(found.size() > 30, "the scan finds the codes: " + found);
        Map<String, String> table = errorTable();
        List<String> missing = new ArrayList<>();
        found.forEach((code, statuses) -> {
            for (String status : statuses) {
                String rows = status.equals("?") ? String.join("\n", table.values()) : table.getOrDefault(status, "");
                if (!Pattern.compile("`" + code + "`").matcher(rows).find()) {
                    missing.add(status + " " + code);
                }
            }
        });
        assertEquals(List.of(), missing, "codes the bundle answers that docs/api.md's error table does not list under their status");
    }

    @Test
    void theTableListsNoCodeTheBundleNeverAnswers() throws IOException {
        Map<String, TreeSet<String>> found = codesInTheCode();
        List<String> stale = new ArrayList<>();
        errorTable().forEach((status, rows) -> {
            Matcher code = Pattern.compile("^\\| `([a-z][a-z0-9_]+)`|, `([a-z][a-z0-9_]+)`", Pattern.MULTILINE).matcher(rows);
            while (code.find()) {
                String name = code.group(1) != null ? code.group(1) : code.group(2);
                if (!found.containsKey(name)) {
                    stale.add(status + " " + name);
                }
            }
        });
        assertEquals(List.of(), stale, "codes in docs/api.md's error table that nothing in the code answers");
    }

    /** code → the statuses it is answered with ("?" when the status is set apart from the code). */
    static Map<String, TreeSet<String>> codesInTheCode() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("RejectionReasons.java") && !p.endsWith("OpenApiDocument.java")).toList();
        }
        Map<String, String> kindStatus = new HashMap<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher kind = KIND.matcher(text);
            Matcher status = KIND_STATUS.matcher(text);
            if (kind.find() && status.find()) {
                kindStatus.put(kind.group(1), status.group(1));
            }
        }
        // kinds of a kind (siwx/SiwxRefused extends api/Unauthorized) answer with their parent's status
        Map<String, String> parents = new HashMap<>();
        for (Path source : sources) {
            for (Matcher sub = SUBKIND.matcher(Files.readString(source)); sub.find(); ) {
                parents.put(sub.group(1), sub.group(2));
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, String> e : parents.entrySet()) {
                if (!kindStatus.containsKey(e.getKey()) && kindStatus.containsKey(e.getValue())) {
                    kindStatus.put(e.getKey(), kindStatus.get(e.getValue()));
                    grew = true;
                }
            }
        }
        Pattern kinds = Pattern.compile("new (" + String.join("|", kindStatus.keySet()) + ")\\(\\s*\"([a-z][a-z0-9_]+)\"");
        Map<String, TreeSet<String>> codes = new TreeMap<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            for (Matcher m = kinds.matcher(text); m.find(); ) {
                codes.computeIfAbsent(m.group(2), c -> new TreeSet<>()).add(kindStatus.get(m.group(1)));
            }
            for (Matcher m = WITH_STATUS.matcher(text); m.find(); ) {
                codes.computeIfAbsent(m.group(2), c -> new TreeSet<>()).add(m.group(1));
            }
            for (Matcher m = BAD_REQUEST.matcher(text); m.find(); ) {
                codes.computeIfAbsent(m.group(1), c -> new TreeSet<>()).add("400");
            }
            if (source.endsWith("Refusal.java") || source.endsWith("ChallengeAnswers.java")) {
                for (Matcher m = PAYMENT_CODE.matcher(text); m.find(); ) {
                    codes.computeIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), c -> new TreeSet<>()).add("402");
                }
            }
            for (Matcher m = BODY_ONLY.matcher(text); m.find(); ) {
                codes.computeIfAbsent(m.group(1), c -> new TreeSet<>()).add("?");
            }
        }
        return codes;
    }

    /** status → its rows of docs/api.md's error table (the text after the status column). */
    static Map<String, String> errorTable() throws IOException {
        String page = Files.readString(Path.of("docs/api.md"));
        int errors = page.indexOf("\n## Errors");
        String section = page.substring(errors, page.indexOf("\n## ", errors + 1));
        Map<String, String> rows = new HashMap<>();
        for (Matcher row = TABLE_ROW.matcher(section); row.find(); ) {
            rows.merge(row.group(1), "| " + row.group(2), (a, b) -> a + "\n" + b);
        }
        return rows;
    }
}
