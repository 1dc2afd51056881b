package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.DocExamples;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example "a new upstream endpoint family" of docs/change-the-flow.md, run as written: its two YAML blocks
 * (a family under families:, a model under models:) are read from the page and added to a copy of models.yaml, and
 * the bundle starts on that copy. A generation of the new model must be made end to end against the Kie.ai
 * simulator, by callback and by polling alone.
 */
class WorkedExampleNewFamilyTest {

    private static final String SECTION = "### A new upstream endpoint family";

    @TempDir
    static Path dir;

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        List<String> blocks = exampleYaml();
        String shipped = Files.readString(Path.of("models.yaml"));
        int families = shipped.indexOf("\nfamilies:\n");
        assertTrue(families >= 0 && shipped.indexOf("\nmodels:\n") > families, "models.yaml: families, then models");
        int afterFamilies = families + "\nfamilies:\n".length();
        String catalog = shipped.substring(0, afterFamilies) + "\n" + blocks.get(0) + shipped.substring(afterFamilies)
                + "\n\n" + blocks.get(1);
        Path file = dir.resolve("models.yaml");
        Files.writeString(file, catalog);

        db = new TestDatabase();
        // a video made in 100 ms, a poller that waits 5 s: the callback comes first when there is one (2 s was not
        // always enough on a loaded 2-CPU machine)
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(100)).start();
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of(
                "app.models.catalog-file", file.toAbsolutePath().toString(),
                "app.poll.grace-ms", "5000"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (kie != null) {
            kie.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The first two ```yaml blocks under the example's heading in docs/change-the-flow.md. */
    static List<String> exampleYaml() throws IOException {
        return DocExamples.yamlBlocks(SECTION, 2);
    }

    @Test
    void aModelOfTheNewFamilyIsDeliveredByCallback() throws Exception {
        int generates = kie.runwayGenerateCalls();
        JsonNode created = create("A paper lantern rising at night");
        assertEquals(generates + 1, kie.runwayGenerateCalls(), "the family's create path");
        assertEquals(0.12, created.get("price").asDouble());
        JsonNode sent = kie.lastCreateRequest().body();
        assertEquals("A paper lantern rising at night", sent.get("prompt").asText(), sent.toString());
        assertEquals("16:9", sent.get("aspectRatio").asText(), sent.toString());
        String id = created.get("generationId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals(kie.videoUrl(created.get("kieTaskId").asText()), done.get("originUrls").get(0).asText());
        Map<String, Object> row = db.rows("SELECT kie_family, state_source FROM generation WHERE id = ?", id).get(0);
        assertEquals("reel", row.get("kie_family"));
        assertEquals("callback", row.get("state_source"));
    }

    @Test
    void aModelOfTheNewFamilyIsDeliveredByPolling() throws Exception {
        int reads = kie.runwayRecordDetailCalls();
        JsonNode created = create("A quiet pond at dawn [sim:no-callback]");
        String id = created.get("generationId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals("poll", db.rows("SELECT state_source FROM generation WHERE id = ?", id).get(0).get("state_source"));
        assertTrue(kie.runwayRecordDetailCalls() > reads, "the family's status path");
    }

    private static JsonNode create(String prompt) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate", new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("model", "reel-5s").put("prompt", prompt).toString());
        assertEquals(200, created.statusCode(), created.body());
        return Json.parse(created.body());
    }
}
