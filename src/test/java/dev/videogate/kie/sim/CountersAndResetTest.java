package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Counters count every call; reset() clears tasks, counters and scripting and restores settings. */
class CountersAndResetTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100).credits(500)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void countsCalls() {
        String a = client.createOk("kling-2.6/text-to-video", "a", null);
        String b = client.createOk("kling-2.6/text-to-video", "b", null);
        client.create(SimClient.request("nope", "c", null));
        client.recordInfo(a);
        client.recordInfo(a);
        client.recordInfo(b);
        client.credit();
        assertEquals(3, sim.createTaskCalls());
        assertEquals(3, sim.recordInfoCalls());
        assertEquals(2, sim.recordInfoCalls(a));
        assertEquals(1, sim.recordInfoCalls(b));
        assertEquals(0, sim.recordInfoCalls("other"));
        assertEquals(1, sim.creditCalls());
        assertEquals(java.util.List.of(a, b), sim.taskIds());
        assertEquals("nope", sim.lastCreateRequest().body().path("model").asText(),
                "the last request is recorded even when rejected");
    }

    @Test
    void resetClearsEverything() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "a", null);
        client.awaitEnd(id);
        sim.pauseModel("kling-2.6/text-to-video");
        sim.failNextCreates(5, 429, 429, "Rate limit exceeded");
        sim.setCallbacksEnabled(false);
        assertEquals(445, sim.credits(), "kling-2.6 5 s without sound costs 55");

        sim.reset();
        assertEquals(0, sim.createTaskCalls());
        assertEquals(0, sim.recordInfoCalls());
        assertEquals(0, sim.recordInfoCalls(id));
        assertEquals(500, sim.credits());
        assertNull(sim.task(id));
        assertNull(sim.lastCreateRequest());
        assertEquals(422, client.recordInfo(id).code(), "old tasks are gone");
        assertEquals(200, client.create(SimClient.request("kling-2.6/text-to-video", "b", null)).code(),
                "no scripted errors and no pause left");
    }
}
