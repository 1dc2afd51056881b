package dev.videogate.web;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One run of src/test/browser/buy-video.mjs: Debian's headless Chromium driven by puppeteer-core. Without Chromium the
 * calling test is skipped with a message, except under CI (CI set), where it fails: .ci/run installs it.
 */
final class BrowserRun {

    private static final Path DIR = Path.of("src/test/browser").toAbsolutePath();
    static final Path CLIP = Path.of("src/test/resources/web/clip.mp4");

    private BrowserRun() {
    }

    /** The script's result line, for these arguments (--url etc.); screenshots go to target/web. */
    static JsonNode run(String name, String... args) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String why = chromium + " is missing: `apt-get install chromium` to run the web page's browser tests";
            if (System.getenv("CI") != null) {
                fail(why + " (.ci/run installs it)");
            }
            Assumptions.abort(why);
        }
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            fail("Run `npm ci` in " + DIR + " first (.ci/run does)");
        }
        Path log = TestPaths.output("web-browser.log");
        Path out = TestPaths.output("web");
        Path result = TestPaths.output("web-browser-" + name + ".json");
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of("node", "buy-video.mjs", "--out", out.toString(), "--chromium", chromium.toString()));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectOutput(result.toFile())
                .start();
        // each of the script's waits is bounded; this bounds the whole run should the browser hang
        if (!node.waitFor(5, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            fail("the browser run took over 5 minutes; see " + log);
        }
        String stdout = Files.readString(result, StandardCharsets.UTF_8).trim();
        if (node.exitValue() != 0 || stdout.isEmpty()) {
            fail("the browser run failed (exit " + node.exitValue() + "); see " + log);
        }
        String[] lines = stdout.split("\n");
        return Json.parse(lines[lines.length - 1]);
    }
}
