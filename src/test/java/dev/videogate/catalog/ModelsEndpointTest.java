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
    }
}
