package dev.videogate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.ErrorCodesInTheCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every error code the bundle can answer (support/ErrorCodesInTheCode, collected from its code with its status) is in
 * docs/api.md's error table under that status, and the table lists no code the bundle never answers.
 */
class EveryErrorCodeIsListedTest {

    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| (\\d{3}) \\| (.*)$");

    @Test
    void everyCodeInTheCodeIsInTheErrorTableWithItsStatus() throws IOException {
        Map<String, TreeSet<String>> found = ErrorCodesInTheCode.byCode();
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
        Map<String, TreeSet<String>> found = ErrorCodesInTheCode.byCode();
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
