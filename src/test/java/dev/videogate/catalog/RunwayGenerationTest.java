package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.ModelRules;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runway, added by configuration alone (a family and two models in models.yaml): runway/generate in Runway's shape,
 * runway/record-detail read for the state, its snake_case callback taken as a hint (the poller waits its default grace,
 * so the callback comes first); by polling: {@link RunwayPollingTest}.
 */
class RunwayGenerationTest extends GatewayTest {

    @Test
    void aRunwayVideoArrivesByCallback() throws Exception {
        int generates = kie.runwayGenerateCalls();
        int callbacks = kie.callbacksAcknowledged();
        JsonNode created = post("{\"model\":\"runway\",\"prompt\":\"A paper plane over a city\",\"options\":{\"duration\":10,"
                + "\"image_urls\":[\"https://93.184.216.34/start.png\"]}}");
        assertEquals(generates + 1, kie.runwayGenerateCalls(), "runway/generate, not jobs/createTask");
        assertEquals(0.30, created.get("price").asDouble(), "30 credits for 10 s");
        JsonNode sent = kie.lastCreateRequest().body();
        assertEquals("https://93.184.216.34/start.png", sent.get("imageUrl").asText(), "one image, as a string: " + sent);
        assertEquals(10, sent.get("duration").asInt());
        assertEquals("720p", sent.get("quality").asText());
        assertTrue(sent.path("model").isMissingNode(), "Runway takes no model: " + sent);
        assertNull(ModelRules.checkRunwayRequest(sent), "Runway's rules hold");

        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals(kie.videoUrl(taskId), done.get("originUrls").get(0).asText());
        Map<String, Object> row = db.rows("SELECT kie_family, state_source, kie_state FROM generation WHERE id = ?", id).get(0);
        assertEquals("runway", row.get("kie_family"));
        assertEquals("callback", row.get("state_source"));
        assertEquals("success", row.get("kie_state"));
        assertTrue(kie.callbacksAcknowledged() > callbacks, "the snake_case callback was taken");
        assertTrue(kie.runwayRecordDetailCalls() >= 1, "confirmed with runway/record-detail");
    }

    @Test
    void aFailedRunwayVideoSaysWhy() throws Exception {
        JsonNode created = post("{\"model\":\"runway\",\"prompt\":\"A storm [sim:fail:content policy]\"}");
        JsonNode done = Json.parse(gateway.get("/api/generate/" + created.get("generationId").asText() + "?poll=true").body());
        assertEquals("failed", done.get("state").asText(), done.toString());
        assertTrue(done.get("failMsg").asText().contains("content policy"), done.toString());
    }

    @Test
    void runwaysRulesAreCheckedBeforePayment() throws Exception {
        HttpResponse<String> refused = gateway.post("/api/generate",
                "{\"model\":\"runway\",\"prompt\":\"x\",\"options\":{\"image_urls\":[\"https://93.184.216.34/a.png\",\"https://93.184.216.34/b.png\"]}}");
        assertEquals(400, refused.statusCode(), refused.body());
        HttpResponse<String> tooLong = gateway.post("/api/generate", "{\"model\":\"runway\",\"prompt\":\"" + "a".repeat(1801) + "\"}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
    }

    private JsonNode post(String body) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
