package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model the operator switched off (app.models.<name>.enabled=false) is refused before anyone pays or Kie.ai is asked. */
class DisabledModelTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.models.sora-2.enabled", "false");
    }

    @Test
    void modelDisabledByOperatorIs503WithoutKieCall() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("A closed shop"));
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("model_unavailable", Json.parse(answer.body()).get("error").asText(), answer.body());
        assertEquals("3600", answer.headers().firstValue("Retry-After").orElse(null));
        assertEquals(0, kie.createTaskCalls(), "no Kie.ai call");
        assertEquals(0, rows());
    }
}
