package dev.videogate.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The YAML of a worked example, read from docs/change-the-flow.md: a test runs what the page shows, not a copy. */
public final class DocExamples {

    private static final Path PAGE = Path.of("docs/change-the-flow.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    private DocExamples() {
    }

    /** The first {@code count} ```yaml blocks after the heading {@code section}. */
    public static List<String> yamlBlocks(String section, int count) throws IOException {
        String page = Files.readString(PAGE);
        int at = page.indexOf(section);
        if (at < 0) {
            throw new AssertionError(PAGE + " has no section " + section);
        }
        Matcher block = YAML_BLOCK.matcher(page);
        List<String> found = new ArrayList<>();
        for (int from = at; found.size() < count && block.find(from); from = block.end()) {
            found.add(block.group(1));
        }
        if (found.size() < count) {
            throw new AssertionError(count + " yaml block(s) expected under " + section + ", found " + found.size());
        }
        return found;
    }
}
