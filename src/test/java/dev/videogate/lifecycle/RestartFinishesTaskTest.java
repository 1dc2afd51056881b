package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway stops while a task runs and its callback never comes: a new instance on the same database finishes
 * the generation by polling. (The first check's due time is written when the task is created, with the grace of
 * the instance that created it, so A's grace is kept short enough for the test: 2 s.)
 */
class RestartFinishesTaskTest {

    static TestDatabase db;
    static KieSimulator kie;

    @BeforeAll
    static void start() {
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(300)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        kie.close();
        db.close();
    }

    @Test
    void anotherInstanceFinishesTheTaskAfterRestart() throws Exception {
        String id;
        String taskId;
        try (RunningGateway a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of("app.poll.grace-ms", "2000"))) {
            HttpResponse<String> created = a.post("/api/generate", Json.request("A ship in a bottle [sim:no-callback]"));
            assertEquals(200, created.statusCode(), created.body());
            JsonNode answer = Json.parse(created.body());
            id = answer.get("generationId").asText();
            taskId = answer.get("kieTaskId").asText();
        }
        Map<String, Object> before = db.rows("SELECT state, poll_count FROM generation WHERE id = ?", id).get(0);
        assertEquals("pending", before.get("state"), "A stopped before the generation ended");
        assertEquals(0, ((Number) before.get("poll_count")).intValue(), "A never checked it");
        assertEquals(0, kie.recordInfoCalls(taskId));

        try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                Map.of("app.poll.grace-ms", "100", "app.poll.interval-ms", "100"))) {
            HttpResponse<String> done = b.get("/api/generate/" + id + "?poll=true");
            JsonNode result = Json.parse(done.body());
            assertEquals(200, done.statusCode(), done.body());
            assertEquals("completed", result.get("state").asText(), done.body());
            assertEquals(kie.videoUrl(taskId), result.get("originUrls").get(0).asText());
        }
        Map<String, Object> after = db.rows("SELECT state_source, poll_count FROM generation WHERE id = ?", id).get(0);
        assertEquals("poll", after.get("state_source"));
        assertTrue(((Number) after.get("poll_count")).intValue() >= 1);
        assertEquals(0, kie.callbacksSent());
    }
}
