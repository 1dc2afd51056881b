package dev.videogate.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The curl examples of README.md and docs/*.md, as a reader copies them: every ```bash or ```sh block that runs curl,
 * split into commands, each with the answer the page shows under it ({@code # {...}} comment lines) and the status
 * a trailing comment names ({@code # 206, ...}).
 * <p>
 * What runs a block is said by an HTML comment on the line before its fence: none (a sandbox bundle with payment off
 * runs it: DocExamplesRunTest), {@code <!-- run: paid -->} (a bundle with payment on, through the local x402 network:
 * PaidDocExamplesRunTest), or {@code <!-- not-run: why -->} (it cannot run in a test; the why is required).
 */
public final class DocCommands {

    public enum Runner { SANDBOX, PAID, NOT_RUN }

    /** One command, with the answer shown under it (null: none shown) and the status its comment names (0: none). */
    public record Step(String command, String expected, int status) {
    }

    public record Example(String where, Runner runner, String reason, List<Step> steps) {
    }

    private static final Pattern FENCE = Pattern.compile("```(?:bash|sh)\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARK = Pattern.compile("<!--\\s*(not-run|run)\\s*:\\s*(.*?)\\s*-->");
    private static final Pattern STATUS_COMMENT = Pattern.compile("#\\s*(\\d{3})\\b.*$");

    private DocCommands() {
    }

    /** The pages searched: README.md and every docs/*.md. */
    public static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    public static List<Example> all() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path page : pages()) {
            examples.addAll(of(page, Files.readString(page)));
        }
        return examples;
    }

    public static List<Example> run(Runner runner) throws IOException {
        return all().stream().filter(e -> e.runner() == runner).toList();
    }

    public static List<Example> of(Path page, String text) {
        List<Example> found = new ArrayList<>();
        Matcher block = FENCE.matcher(text);
        while (block.find()) {
            if (!block.group(1).contains("curl ")) {
                continue;
            }
            int line = (int) text.substring(0, block.start()).chars().filter(c -> c == '\n').count() + 1;
            String where = page + ":" + line;
            String before = lineBefore(text, block.start());
            Matcher mark = MARK.matcher(before);
            Runner runner = Runner.SANDBOX;
            String reason = "";
            if (mark.find()) {
                reason = mark.group(2);
                if (mark.group(1).equals("not-run")) {
                    runner = Runner.NOT_RUN;
                } else if (reason.startsWith("paid")) {
                    runner = Runner.PAID;
                } else {
                    throw new AssertionError(where + ": unknown runner <!-- run: " + reason + " -->");
                }
                if (runner == Runner.NOT_RUN && reason.isBlank()) {
                    throw new AssertionError(where + ": <!-- not-run: --> needs a reason");
                }
            }
            found.add(new Example(where, runner, reason, steps(block.group(1))));
        }
        return found;
    }

    private static String lineBefore(String text, int fenceAt) {
        String head = text.substring(0, fenceAt).stripTrailing();
        return head.substring(head.lastIndexOf('\n') + 1);
    }

    /** Commands (with their backslash continuations joined), each followed by the answer its comment lines show. */
    static List<Step> steps(String block) {
        List<Step> steps = new ArrayList<>();
        StringBuilder command = null;
        StringBuilder expected = null;
        int status = 0;
        boolean continued = false;
        for (String raw : block.split("\n")) {
            String line = raw.strip();
            if (continued) {
                command.append(' ').append(stripContinuation(line));
                continued = line.endsWith("\\");
                if (!continued) {
                    status = statusOf(command.toString());
                }
                continue;
            }
            if (line.startsWith("#")) {
                if (command != null) {
                    expected = (expected == null ? new StringBuilder() : expected.append(' ')).append(line.substring(1).strip());
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (command != null) {
                steps.add(new Step(withoutComment(command.toString()), expected == null ? null : expected.toString(), status));
            }
            command = new StringBuilder(stripContinuation(line));
            expected = null;
            continued = line.endsWith("\\");
            status = continued ? 0 : statusOf(line);
        }
        if (command != null) {
            steps.add(new Step(withoutComment(command.toString()), expected == null ? null : expected.toString(), status));
        }
        return steps;
    }

    private static String stripContinuation(String line) {
        return line.endsWith("\\") ? line.substring(0, line.length() - 1).stripTrailing() : line;
    }

    /** A status a command's trailing comment names ("# 206, the first MiB"); 0 when none. */
    private static int statusOf(String command) {
        int hash = commentStart(command);
        if (hash < 0) {
            return 0;
        }
        Matcher status = STATUS_COMMENT.matcher(command.substring(hash));
        return status.find() ? Integer.parseInt(status.group(1)) : 0;
    }

    private static String withoutComment(String command) {
        int hash = commentStart(command);
        return hash < 0 ? command : command.substring(0, hash).stripTrailing();
    }

    /** Where a shell comment starts: a # after white space, outside quotes. */
    private static int commentStart(String command) {
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(command.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }
}
