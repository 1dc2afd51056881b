package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
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

    @Test
    void modelDisabledByOperatorIs503WithoutKieCall() throws Exception {
        try (TestDatabase own = new TestDatabase();
             RunningGateway off = RunningGateway.start(own, kie.baseUrl(), kie.apiKey(), Map.of("app.models.sora-2.enabled", "false"))) {
            int creates = kie.createTaskCalls();
            HttpResponse<String> answer = off.post("/api/generate", Json.request("A closed shop"));
            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals("model_unavailable", Json.parse(answer.body()).get("error").asText(), answer.body());
            assertEquals("3600", answer.headers().firstValue("Retry-After").orElse(null));
            assertEquals(creates, kie.createTaskCalls(), "no Kie.ai call");
            assertEquals(0, own.count("SELECT count(*) FROM generation"));
        }
    }
}
