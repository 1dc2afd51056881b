package dev.videogate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogate.support.DocCommands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a page's curl block is read: its runner mark, its commands, the answer and status shown for each. */
class DocCommandsTest {

    @Test
    void commandsTheirAnswersAndTheirStatus() {
        String page = "text\n\n```bash\ncurl -s localhost:8080/a -H 'X: #1' \\\n  -d '{}'\n# {\"a\":1,\n#  \"b\":\"…\"}\n"
                + "curl -s -o f localhost:8080/b     # 206, the first MiB\nmvn -q package\n```\n";
        List<DocCommands.Example> examples = DocCommands.of(Path.of("p.md"), page);
        assertEquals(1, examples.size());
        DocCommands.Example example = examples.get(0);
        assertEquals(DocCommands.Runner.SANDBOX, example.runner());
        assertEquals("p.md:3", example.where());
        List<DocCommands.Step> steps = example.steps();
        assertEquals(3, steps.size(), steps.toString());
        assertEquals("curl -s localhost:8080/a -H 'X: #1' -d '{}'", steps.get(0).command());
        assertEquals("{\"a\":1, \"b\":\"…\"}", steps.get(0).expected());
        assertEquals(0, steps.get(0).status());
        assertEquals("curl -s -o f localhost:8080/b", steps.get(1).command());
        assertNull(steps.get(1).expected());
        assertEquals(206, steps.get(1).status());
    }

    @Test
    void marksOnTheLineBeforeTheFence() {
        String page = "<!-- not-run: needs mainnet money -->\n```sh\ncurl -s x\n```\n<!-- run: paid -->\n```bash\ncurl -s y\n```\n"
                + "```bash\n./demo.sh\n```\n";
        List<DocCommands.Example> examples = DocCommands.of(Path.of("p.md"), page);
        assertEquals(2, examples.size(), "a block without curl is not an example");
        assertEquals(DocCommands.Runner.NOT_RUN, examples.get(0).runner());
        assertEquals("needs mainnet money", examples.get(0).reason());
        assertEquals(DocCommands.Runner.PAID, examples.get(1).runner());
        assertThrows(AssertionError.class, () -> DocCommands.of(Path.of("p.md"), "<!-- not-run: -->\n```bash\ncurl x\n```\n"));
    }

    @Test
    void theApiPagesFileExampleNamesItsStatus() throws Exception {
        DocCommands.Example files = DocCommands.all().stream().filter(e -> e.steps().get(0).command().contains("/files/0"))
                .findFirst().orElseThrow();
        assertEquals(206, files.steps().get(0).status());
    }
}
