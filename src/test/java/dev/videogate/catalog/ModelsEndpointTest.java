package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/models: what an agent needs to choose a model and know its price before it asks. */
class ModelsEndpointTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.models.wan-2.6.enabled", "false");
    }

    @Test
    void everyModelWithItsOptionsDefaultsPriceAndState() throws Exception {
        HttpResponse<String> answer = gateway.get("/api/models");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Map<String, JsonNode> models = new HashMap<>();
        Json.parse(answer.body()).get("models").forEach(m -> models.put(m.get("model").asText(), m));
        assertTrue(models.keySet().containsAll(java.util.List.of("sora-2", "kling-2.6", "kling-2.6-image-to-video", "seedance-1.5-pro",
                "wan-2.6", "veo-3.1-fast")), models.keySet().toString());

        JsonNode sora = models.get("sora-2");
        assertEquals("3.50", sora.get("defaultPriceUsd").asText());
        assertEquals("landscape", sora.at("/options/aspect_ratio/default").asText());
        assertEquals("[\"10\",\"15\"]", sora.at("/options/n_frames/values").toString());
        assertEquals(false, sora.get("upstreamLive").asBoolean(), "Kie.ai has paused Sora 2");

        JsonNode kling = models.get("kling-2.6");
        assertEquals("available", kling.get("state").asText());
        assertEquals("0.60", kling.get("defaultPriceUsd").asText());
        assertEquals("boolean", kling.at("/options/sound/type").asText());
        assertEquals("0.60", kling.at("/price/baseUsd").asText());
        assertTrue(kling.at("/price/terms").size() >= 3);

        JsonNode image = models.get("kling-2.6-image-to-video");
        assertEquals("image-urls", image.at("/options/image_urls/type").asText());
        assertEquals(true, image.at("/options/image_urls/required").asBoolean());

        assertEquals("disabled", models.get("wan-2.6").get("state").asText());
        assertEquals("veo", models.get("veo-3.1-fast").get("kieFamily").asText());

        JsonNode seedance = models.get("seedance-2");
        assertEquals("integer", seedance.at("/options/duration/type").asText(), seedance.toString());
        assertEquals(4, seedance.at("/options/duration/minimum").asInt());
        assertEquals(15, seedance.at("/options/duration/maximum").asInt());
        assertEquals(5, seedance.at("/options/duration/default").asInt());
        assertTrue(seedance.at("/options/duration/default").isInt(), "a number, not \"5\"");
        assertEquals("image-url", seedance.at("/options/first_frame_url/type").asText());
        assertEquals("first_frame_url", seedance.at("/options/last_frame_url/needs").asText());
        assertEquals(10000, seedance.at("/prompt/maxLength").asInt(), "app.request.max-prompt-length caps what Kie.ai would take");
        assertEquals(20000, seedance.at("/prompt/upstreamMaxLength").asInt());
        assertTrue(models.get("kling-2.6").at("/prompt/upstreamMaxLength").isMissingNode());
        assertEquals("2.05", seedance.get("defaultPriceUsd").asText());
        JsonNode wan = models.get("wan-2.7");
        assertEquals("text", wan.at("/options/negative_prompt/type").asText());
        assertEquals(500, wan.at("/options/negative_prompt/maxLength").asInt());
        for (String name : java.util.List.of("kling-3.0", "seedance-2", "seedance-2-fast", "wan-2.7", "hailuo-02-pro", "hailuo-02-standard",
                "grok-imagine", "kling-2.6")) {
            assertEquals(true, models.get(name).get("upstreamLive").asBoolean(), name + " is served by Kie.ai");
            assertEquals("catalog", models.get(name).get("upstreamLiveSource").asText(), name);
        }
        assertEquals("catalog", sora.get("upstreamLiveSource").asText());
    }

    @Test
    void aModelKieAnswersPausedIsListedAsNotLiveUpstream() throws Exception {
        // a model the other test holds neither live nor available: the gateway remembers a pause, whatever the method order
        kie.pauseModel("bytedance/seedance-1.5-pro");
        try {
            HttpResponse<String> refused = gateway.post("/api/generate", "{\"model\":\"seedance-1.5-pro\",\"prompt\":\"A quiet harbour\"}");
            assertEquals(503, refused.statusCode(), refused.body());
            JsonNode listed = null;
            for (JsonNode model : Json.parse(gateway.get("/api/models").body()).get("models")) {
                if (model.get("model").asText().equals("seedance-1.5-pro")) {
                    listed = model;
                }
            }
            assertEquals("paused", listed.get("state").asText(), listed.toString());
            assertEquals(false, listed.get("upstreamLive").asBoolean(), "the catalog says live, Kie.ai says paused: " + listed);
            assertEquals("kie", listed.get("upstreamLiveSource").asText());
            assertTrue(listed.has("pausedUntil"));
        } finally {
            kie.resumeModel("bytedance/seedance-1.5-pro");
        }
    }
}
