package dev.videogate.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every error code the bundle can answer, collected from its Java sources with the status it is answered with: the
 * ApiException kinds ({@code new NotFound("not_in_ledger", …)}, and their own kinds, e.g. siwx/SiwxRefused), the
 * answers written with a status and a code ({@code JsonAnswers.error(response, 405, "method_not_allowed", …)},
 * {@code super(503, "…")}), {@code badRequest("invalid_json", …)}, error bodies whose status is set elsewhere
 * ({@code errorBody("request_timeout", …)}) and the 402's own codes (x402/Refusal, payment/ChallengeAnswers). The x402
 * reasons of a 402 (x402/RejectionReasons) are x402's wire strings, not ours. One scan for every test that compares
 * the codes with a list (api/ErrorCodes, docs/api.md's table).
 */
public final class ErrorCodesInTheCode {

    private static final Pattern KIND = Pattern.compile("class (\\w+) extends ApiException");
    private static final Pattern SUBKIND = Pattern.compile("class (\\w+) extends (\\w+)");
    private static final Pattern KIND_STATUS = Pattern.compile("super\\((\\d{3}), ");
    private static final Pattern WITH_STATUS = Pattern.compile("\\b([45]\\d{2}),\\s*\"([a-z][a-z0-9_]+)\"");
    private static final Pattern BAD_REQUEST = Pattern.compile("badRequest\\(\\s*\"([a-z][a-z0-9_]+)\"");
    private static final Pattern BODY_ONLY = Pattern.compile("errorBody\\(\"([a-z][a-z0-9_]+)\"");
    /** The 402's own codes: x402/Refusal's constants and the plain challenge's (payment/ChallengeAnswers). */
    private static final Pattern PAYMENT_CODE = Pattern.compile("String [A-Z_]+ = \"([a-z][a-z0-9_]+)\"|refusal == null \\? \"([a-z][a-z0-9_]+)\"");

    private ErrorCodesInTheCode() {
    }

    /** code → the statuses it is answered with ("?" when the status is set apart from the code). */
    public static Map<String, TreeSet<String>> byCode() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("RejectionReasons.java") && !p.endsWith("OpenApiDocument.java") && !p.endsWith("ErrorCodes.java")).toList();
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
}
