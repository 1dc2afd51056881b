package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A model Kie.ai has paused, or the operator has switched off, is refused with 503 and leaves nothing behind. */
class PausedModelTest extends GatewayTest {

    @Test
    void modelPausedAtKieIs503ModelPaused() throws Exception {
        kie.pauseModel("sora-2-text-to-video");
        try {
            int creates = kie.createTaskCalls();
            HttpResponse<String> answer = gateway.post("/api/generate", Json.request("A paused parade"));
            assertEquals(503, answer.statusCode(), answer.body());
            JsonNode error = Json.parse(answer.body());
            assertEquals("model_paused", error.get("error").asText(), answer.body());
            assertEquals(creates + 1, kie.createTaskCalls(), "Kie.ai was asked and said paused");
            assertEquals(0, rows(), "no generation row left");
        } finally {
            kie.resumeModel("sora-2-text-to-video");
        }
    }
}
