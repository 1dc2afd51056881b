package dev.videogate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.DocCommands;
import dev.videogate.support.DocExampleRunner;
import dev.videogate.support.GatewayTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every curl example of README.md and docs/*.md that is not marked otherwise is run, with the real curl binary, against
 * a bundle with payment off (the README's zero-setup run, with the simulator as Kie.ai), and its answers are compared
 * with what the page shows (DocExampleRunner says how). A block that cannot run here is marked on the page with
 * {@code <!-- not-run: why -->} or, when it needs a payment, {@code <!-- run: paid -->} (PaidDocExamplesRunTest).
 */
class DocExamplesRunTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(AdminApi.SETTINGS);
        // the copy outbox at its default pace, as in the README's run: the long-poll answers at completion, while the
        // copy is still to be made (the README shows that answer), not 200 ms later as the other tests' fast outbox could
        settings.put("app.storage.interval-ms", "2000");
        return settings;
    }

    @Test
    void everyUnmarkedCurlExampleAnswersAsItsPageShows() throws Exception {
        List<DocCommands.Example> examples = DocCommands.run(DocCommands.Runner.SANDBOX);
        assertFalse(examples.isEmpty(), "the README's own examples at least");
        // a finished generation with its copy stored, for examples that read one (gen_… / <generationId> on the page)
        String stored = create("a finished generation the examples read").get("generationId").asText();
        Await.until("its copy is stored", Duration.ofSeconds(30), () -> "stored".equals(status(stored, false).path("storage").path("status").asText()));

        DocExampleRunner runner = new DocExampleRunner(gateway, AdminApi.TOKEN);
        List<String> wrong = new ArrayList<>();
        for (DocCommands.Example example : examples) {
            runner.generationId(stored);
            wrong.addAll(runner.run(example));
        }
        assertEquals(List.of(), wrong, "what the pages show and what the bundle answers differ");
        System.out.printf("doc examples: %d run here, %d run with payment, %d marked not-run%n", examples.size(),
                DocCommands.run(DocCommands.Runner.PAID).size(), DocCommands.run(DocCommands.Runner.NOT_RUN).size());
    }

    @Test
    void anExampleThatCannotRunSaysWhyOnItsPage() throws Exception {
        for (DocCommands.Example example : DocCommands.run(DocCommands.Runner.NOT_RUN)) {
            assertTrue(example.reason().length() > 10, example.where() + " is marked not-run without a reason");
        }
    }

    @Test
    void theRunnerNoticesAnAnswerThePageDoesNotShow() throws Exception {
        // the comparison can fail: a page showing a wrong fixed value, or a key the answer lacks, is caught
        DocCommands.Example wrongValue = new DocCommands.Example("made-up", DocCommands.Runner.SANDBOX, "",
                List.of(new DocCommands.Step("curl -s localhost:8080/api/models", "{\"createQueue\":{\"createRate\":7},…}", 0)));
        DocCommands.Example missingKey = new DocCommands.Example("made-up", DocCommands.Runner.SANDBOX, "",
                List.of(new DocCommands.Step("curl -s localhost:8080/api/models", "{\"noSuchKey\":\"…\"}", 0)));
        DocCommands.Example wrongStatus = new DocCommands.Example("made-up", DocCommands.Runner.SANDBOX, "",
                List.of(new DocCommands.Step("curl -s localhost:8080/api/nothing-here", null, 0)));
        DocExampleRunner runner = new DocExampleRunner(gateway, AdminApi.TOKEN);
        assertEquals(1, runner.run(wrongValue).size());
        assertEquals(1, runner.run(missingKey).size());
        assertEquals(1, runner.run(wrongStatus).size());
    }
}
