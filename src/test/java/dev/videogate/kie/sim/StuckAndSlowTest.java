package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** [sim:stuck] never ends; [sim:slow:N] sets one task's generation time. */
class StuckAndSlowTest {

    private KieSimulator sim;
    private SimClient client;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100)).start();
        client = new SimClient(sim);
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.close();
    }

    @Test
    void stuckTaskStaysGenerating() throws Exception {
        String id = client.createOk("sora-2-text-to-video", "x [sim:stuck]", receiver.url());
        Thread.sleep(250);
        JsonNode d = client.recordInfo(id).data();
        assertEquals("generating", d.path("state").asText());
        assertTrue(d.path("completeTime").isNull());
        assertTrue(d.path("progress").asInt() < 100);
        assertTrue(receiver.drain(Duration.ofMillis(50)).isEmpty());
        assertThrows(IllegalStateException.class, () -> sim.callbackBody(id));
        assertThrows(IllegalStateException.class, () -> sim.resendCallback(id));
    }

    @Test
    void slowTaskTakesItsOwnTime() throws Exception {
        String slow = client.createOk("kling-2.6/text-to-video", "x [sim:slow:400]", null);
        String fast = client.createOk("kling-2.6/text-to-video", "y", null);
        client.awaitEnd(fast);
        assertTrue(!sim.task(slow).finished(), "the slow task is still running");
        JsonNode d = client.awaitEnd(slow);
        assertEquals(400, d.path("costTime").asLong());
    }
}
