package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** [sim:fail] and [sim:fail:message] end the task in state fail with failCode "500". */
class FailDirectiveTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void defaultFailure() throws Exception {
        String id = client.createOk("sora-2-text-to-video", "a cat [sim:fail]", null);
        JsonNode d = client.awaitEnd(id);
        assertEquals("fail", d.path("state").asText());
        assertEquals("500", d.path("failCode").asText());
        assertEquals("Generation failed: content policy (simulated)", d.path("failMsg").asText());
        assertEquals("", d.path("resultJson").asText());
        assertTrue(d.path("completeTime").isNumber());
        assertEquals(404, client.get(sim.videoUrl(id)).statusCode(), "no video for a failed task");
    }

    @Test
    void customFailureMessage() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "x [sim:fail:Your prompt was flagged]", null);
        JsonNode d = client.awaitEnd(id);
        assertEquals("fail", d.path("state").asText());
        assertEquals("Your prompt was flagged", d.path("failMsg").asText());
    }
}
