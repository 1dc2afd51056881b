package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One list of error codes ({@link ErrorCodes}, the OpenAPI document's enums): every code the code base can answer is
 * in it, nothing stale is, and docs/api.md's table of errors names each one.
 */
class EveryErrorCodeIsDocumentedTest {

    /**
     * Where a code is written: the first string literal of an answer's constructor or writer (new BadRequest("code",
     * ...), super(503, "code", ...), JsonAnswers.error(response, 400, "code", ...), unavailable(503, "code", ...)), and x402 refusal constants.
     */
    private static final Pattern ANSWERED = Pattern.compile(
            "(?:new (?:ApiException|BadRequest|Conflict|NotFound|PaymentRequired|TooManyRequests|Unauthorized|Unavailable|UpstreamFailed|SiwxRefused)"
                    + "|\\bsuper(?=\\(\\s*[0-9]{3})|\\bbadRequest|\\bunavailable|\\berrorBody|JsonAnswers\\.error)\\(([^\";]*?)\"([a-z]+(?:_[a-z]+)*)\"");
    private static final Pattern REFUSAL_CONSTANT = Pattern.compile("public static final String \\w+ = \"([a-z_]+)\";");

    @Test
    void everyCodeTheCodeBaseAnswersIsListed() throws IOException {
        Set<String> answered = codesInSources();
        Set<String> listed = new TreeSet<>(ErrorCodes.ERRORS);
        listed.addAll(ErrorCodes.CHALLENGES);
        Set<String> missing = new TreeSet<>(answered);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "answered but not in ErrorCodes: " + missing);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(answered);
        assertTrue(stale.isEmpty(), "in ErrorCodes but answered nowhere: " + stale);
        assertTrue(answered.size() > 40, "the scan finds the codes: " + answered);
    }

    @Test
    void docsApiTableNamesEveryCode() throws IOException {
        String table = Files.readAllLines(Path.of("docs/api.md")).stream().filter(l -> l.matches("\\| *[0-9]{3} *\\|.*"))
                .reduce("", (a, b) -> a + "\n" + b);
        List<String> undocumented = new ArrayList<>();
        for (String code : Stream.concat(ErrorCodes.ERRORS.stream(), ErrorCodes.CHALLENGES.stream()).toList()) {
            if (!table.contains("`" + code + "`")) {
                undocumented.add(code);
            }
        }
        assertEquals(List.of(), undocumented, "codes missing from docs/api.md's error table");
    }

    @Test
    void theListsHaveNoRepeats() {
        assertEquals(ErrorCodes.ERRORS.size(), new TreeSet<>(ErrorCodes.ERRORS).size());
        assertTrue(ErrorCodes.CHALLENGES.stream().noneMatch(ErrorCodes.ERRORS::contains), "a 402 challenge code is not an error code");
    }

    private static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> java = Files.walk(Path.of("src/main/java"))) {
            files = java.filter(p -> p.toString().endsWith(".java") && !p.endsWith("ErrorCodes.java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = ANSWERED.matcher(text);
            while (m.find()) {
                codes.add(m.group(2));
            }
            if (file.endsWith("Refusal.java")) {
                Matcher c = REFUSAL_CONSTANT.matcher(text);
                while (c.find()) {
                    codes.add(c.group(1));
                }
            }
            if (file.endsWith("ChallengeAnswers.java")) {
                Matcher c = Pattern.compile("refusal == null \\? \"([a-z_]+)\" : refusal\\.code\\(\\)").matcher(text);
                assertTrue(c.find(), "ChallengeAnswers names the code of a plain challenge");
                codes.add(c.group(1));
            }
        }
        return codes;
    }
}
