package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runway without its callback: the poller reads runway/record-detail (a short grace here) and records the video.
 * Apart from {@link RunwayGenerationTest}, whose callback must not race a poller this eager.
 */
class RunwayPollingTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.poll.grace-ms", "300");
    }

    @Test
    void aRunwayVideoArrivesByPolling() throws Exception {
        int reads = kie.runwayRecordDetailCalls();
        JsonNode created = post("{\"model\":\"runway-1080p\",\"prompt\":\"A lighthouse in fog [sim:no-callback]\"}");
        assertEquals(0.30, created.get("price").asDouble());
        assertEquals("1080p", kie.lastCreateRequest().body().get("quality").asText());
        assertEquals(5, kie.lastCreateRequest().body().get("duration").asInt());
        String id = created.get("generationId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals(kie.videoUrl(created.get("kieTaskId").asText()), done.get("originUrls").get(0).asText());
        assertEquals("poll", db.rows("SELECT state_source FROM generation WHERE id = ?", id).get(0).get("state_source"));
        assertTrue(kie.runwayRecordDetailCalls() > reads);
    }

    private JsonNode post(String body) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
