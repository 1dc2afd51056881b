package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Veo 3.1 through its own Kie.ai endpoints: veo/generate, the Veo callback, veo/record-info's successFlag, and, for a
 * 1080p request, the 1080p URL from veo/get-1080p-video as the result.
 */
class VeoGenerationTest extends GatewayTest {

    @Test
    void aVeoVideoArrivesThroughItsOwnEndpoints() throws Exception {
        int generates = kie.veoGenerateCalls();
        JsonNode created = post("{\"model\":\"veo-3.1-fast\",\"prompt\":\"A hummingbird at a feeder\",\"options\":{\"aspect_ratio\":\"9:16\"}}");
        String taskId = created.get("kieTaskId").asText();
        assertEquals(generates + 1, kie.veoGenerateCalls(), "veo/generate, not jobs/createTask");
        assertEquals(0.60, created.get("price").asDouble());

        JsonNode done = Json.parse(gateway.get("/api/generate/" + created.get("generationId").asText() + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals(kie.videoUrl(taskId), done.get("originUrls").get(0).asText());
        assertTrue(kie.veoRecordInfoCalls() >= 1, "confirmed with veo/record-info");
    }

    @Test
    void a1080pRequestIsAnsweredWithThe1080pVideo() throws Exception {
        JsonNode created = post("{\"model\":\"veo-3.1-fast\",\"prompt\":\"A city at night\",\"options\":{\"resolution\":\"1080p\"}}");
        assertEquals(0.65, created.get("price").asDouble());
        String taskId = created.get("kieTaskId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + created.get("generationId").asText() + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals(kie.video1080pUrl(taskId), done.get("originUrls").get(0).asText(), "the 1080p file first");
        assertTrue(kie.veo1080pCalls() >= 1);
        // both files are copied into our store, the 1080p one first, and then served as ours
        String id = created.get("generationId").asText();
        dev.videogate.support.Await.until("both copied", java.time.Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM stored_copy WHERE generation_id = ? AND status = 'stored'", id) == 2);
        assertEquals(kie.video1080pUrl(taskId), db.rows("SELECT origin_url FROM stored_copy WHERE generation_id = ? AND file_index = 0", id)
                .get(0).get("origin_url"));
        JsonNode stored = Json.parse(gateway.get("/api/generate/" + id).body());
        assertEquals(gateway.url("/api/generate/" + id + "/files/0"), stored.get("result").asText(), stored.toString());
        assertEquals(2, stored.get("resultUrls").size());
    }

    @Test
    void aFailedVeoVideoSaysWhy() throws Exception {
        JsonNode created = post("{\"model\":\"veo-3.1-lite\",\"prompt\":\"A storm [sim:fail:content policy]\"}");
        JsonNode done = Json.parse(gateway.get("/api/generate/" + created.get("generationId").asText() + "?poll=true").body());
        assertEquals("failed", done.get("state").asText(), done.toString());
        assertTrue(done.get("failMsg").asText().contains("content policy"), done.toString());
    }

    private JsonNode post(String body) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
