package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Configuration read at start: no Kie.ai key means no start; the model catalog decides which Kie.ai model works. */
class MissingKeyStopsStartupTest {

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
    void emptyApiKeyOutsideSandboxRefusesToStart() {
        Exception failure = assertThrows(Exception.class, () -> {
            RunningGateway started = RunningGateway.start(db, kie.baseUrl(), "", Map.of("app.kie.sandbox", "false"));
            started.close(); // only reached if the bundle wrongly started
        });
        StringBuilder chain = new StringBuilder();
        boolean found = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t).append(" <- ");
            found |= t.getMessage() != null && t.getMessage().contains("KIE_AI_API_KEY is not configured");
            if (t.getCause() == t) {
                break;
            }
        }
        assertTrue(found, "cause chain: " + chain);
    }

    @Test
    void aSettingPointsAModelAtAnotherKieModel() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                Map.of("app.models.sora-2.kie-model", "sora-2-pro-text-to-video"))) {
            HttpResponse<String> created = gateway.post("/api/generate", Json.request("A lantern festival"));
            assertEquals(200, created.statusCode(), created.body());
            assertEquals("sora-2-pro-text-to-video", kie.lastCreateRequest().body().get("model").asText());
            String id = Json.parse(created.body()).get("generationId").asText();
            Map<String, Object> row = db.rows("SELECT model, kie_model FROM generation WHERE id = ?", id).get(0);
            assertEquals("sora-2", row.get("model"), "the public name stays");
            assertEquals("sora-2-pro-text-to-video", row.get("kie_model"));
        }
    }
}
