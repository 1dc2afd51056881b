package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A whole generation the way the seed describes it: create, Kie.ai calls back, the caller gets the URL. */
class GenerationByCallbackTest {

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(600).credits(9000)).start();
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        kie.close();
        db.close();
    }

    @Test
    void createsTaskThenAnswersLongPollWithTheVideoUrl() throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate",
                "{\"model\":\"sora-2\",\"prompt\":\"A beautiful sunset over the ocean\",\"type\":\"video\","
                        + "\"options\":{\"aspect_ratio\":\"portrait\",\"n_frames\":\"15\",\"remove_watermark\":false}}");
        assertEquals(200, created.statusCode(), created.body());
        JsonNode answer = Json.parse(created.body());
        String id = answer.get("generationId").asText();
        assertTrue(id.matches("gen_\\d+_[a-z0-9]{20}"), id);
        assertEquals(3.5, answer.get("price").asDouble());
        String taskId = answer.get("kieTaskId").asText();

        JsonNode sent = Json.parse(kie.lastCreateRequest().rawBody());
        assertEquals("sora-2-text-to-video", sent.get("model").asText());
        assertEquals(gateway.url("/api/callback?generation=" + id), sent.get("callBackUrl").asText(), "names the generation");
        assertEquals("portrait", sent.at("/input/aspect_ratio").asText());
        assertEquals("15", sent.at("/input/n_frames").asText());
        assertEquals(false, sent.at("/input/remove_watermark").asBoolean());
        assertEquals("Bearer " + kie.apiKey(), kie.lastCreateRequest().header("Authorization"));

        HttpResponse<String> done = gateway.get("/api/generate/" + id + "?poll=true");
        assertEquals(200, done.statusCode(), done.body());
        JsonNode result = Json.parse(done.body());
        assertEquals(true, result.get("success").asBoolean(), done.body());
        assertEquals("completed", result.get("state").asText());
        assertEquals(taskId, result.get("kieTaskId").asText());
        assertEquals(kie.videoUrl(taskId), result.get("originUrls").get(0).asText());
        assertEquals(kie.videoUrl(taskId), result.get("originUrls").get(0).asText());
        assertEquals("video", result.get("type").asText());
        assertEquals(45, result.at("/credits/consumed").asInt());
        assertEquals(9000 - 45, result.at("/credits/remaining").asInt());

        List<Map<String, Object>> history = db.rows(
                "SELECT state, source FROM generation_event WHERE generation_id = ? ORDER BY id", id);
        assertEquals("creating", history.get(0).get("state"));
        assertEquals("pending", history.get(1).get("state"));
        assertEquals("completed", history.get(history.size() - 1).get("state"));
        assertEquals("callback", history.get(history.size() - 1).get("source"));
        System.out.printf("Kie.ai calls for one generation by callback: createTask=%d recordInfo=%d credit=%d%n",
                kie.createTaskCalls(), kie.recordInfoCalls(), kie.creditCalls());
    }
}
