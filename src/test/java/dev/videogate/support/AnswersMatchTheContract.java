package dev.videogate.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogate.http.AnswerRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The contract test of the whole run: every answer the bundle gave during the tests (success and error, whatever
 * client asked; recorded on the server's wire by http/AnswerRecorder, which the build's surefire turns on) is held
 * against the OpenAPI document when the run ends ({@link ContractCheck}). An answer the document does not describe,
 * or a body that does not match its schema, fails the run, each one listed; target/contract/report.txt lists every
 * (operation, status) pair the run exercised. Registered in META-INF/services for every run.
 */
public final class AnswersMatchTheContract implements LauncherSessionListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path log = log();
        if (log != null) {
            try {
                Files.deleteIfExists(log); // this run's answers only
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path log = log();
        if (log == null) {
            return;
        }
        try {
            AnswerRecorder.flush();
            if (!Files.exists(log)) {
                return; // no bundle answered in this run
            }
            List<String> violations = check(Files.readAllLines(log), log.resolveSibling("report.txt"));
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " answer(s) the OpenAPI document does not describe (see "
                        + log.resolveSibling("report.txt") + "):\n  " + String.join("\n  ", violations));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks each recorded answer (once per distinct one); writes the report; returns the violations. */
    static List<String> check(List<String> lines, Path report) throws IOException {
        ContractCheck contract = ContractCheck.ofCommittedDocument();
        Map<String, Integer> pairs = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        List<String> violations = new ArrayList<>();
        for (String line : lines) {
            ContractCheck.Answer answer = ContractCheck.Answer.of(JSON.readTree(line));
            String pair = contract.pair(answer);
            pairs.merge(pair, 1, Integer::sum);
            String key = pair + "\n" + answer.contentType() + "\n" + answer.body();
            if (seen.contains(key)) {
                continue; // the same answer was already found on the contract
            }
            String violation = contract.violation(answer);
            if (violation == null) {
                seen.add(key);
            }
            String excuse = violation == null ? null : ContractCheck.OffContract.excuse(answer);
            if (excuse != null) {
                pairs.merge("(off contract on purpose: " + excuse + ") " + answer.status(), 1, Integer::sum);
            } else if (violation != null) {
                violations.add(answer.method() + " " + answer.uri() + " -> " + answer.status() + ": " + violation);
            }
        }
        StringBuilder text = new StringBuilder("answers checked: " + lines.size() + ", (operation, status) pairs: " + pairs.size() + "\n");
        pairs.forEach((pair, count) -> text.append(String.format("%6d  %s%n", count, pair)));
        text.append("violations: ").append(violations.size()).append('\n');
        violations.forEach(v -> text.append("  ").append(v).append('\n'));
        Files.writeString(report, text);
        return violations;
    }

    private static Path log() {
        String file = System.getProperty(AnswerRecorder.PROPERTY);
        return file == null ? null : Path.of(file);
    }
}
