package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's run command: app.kie.sandbox=true starts the simulator's own jar (target/kie-simulator.jar, built from the test code) as a child
 * process, points the routes at it, and a newcomer gets a video URL with no Kie.ai account; the child stops with
 * the bundle.
 */
class SandboxRunCommandTest {

    @Test
    void aNewcomerGetsAVideoUrl() throws Exception {
        ProcessHandle simulator;
        try (TestDatabase db = new TestDatabase();
             RunningGateway gateway = RunningGateway.start(db, "http://127.0.0.1:9/unused", "unused", Map.of(
                     "app.kie.sandbox", "true", "app.kie.sandbox-generation-ms", "300"))) {
            JsonNode created = Json.parse(gateway.post("/api/generate", Json.request("A beautiful sunset over the ocean")).body());
            String id = created.get("generationId").asText();
            JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
            assertEquals("completed", done.get("state").asText(), done.toString());
            assertTrue(done.get("originUrls").get(0).asText().matches("http://127\\.0\\.0\\.1:\\d+/sim/videos/\\w+\\.mp4"), done.toString());
            simulator = ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("kie-simulator.jar")).findFirst().orElseThrow();
        }
        Await.until("the simulator stopped with the bundle", Duration.ofSeconds(15), () -> !simulator.isAlive());
    }
}
