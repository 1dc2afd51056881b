package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A paused model answers HTTP 200, code 500, "This interface is temporarily paused", like Sora 2 on Kie.ai. */
class SimulatorPausesModelsTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100)
                .pausedModels(Set.of("sora-2-text-to-video"))).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private static void assertPaused(SimClient.Answer a) {
        assertEquals(200, a.status());
        assertEquals(500, a.code());
        assertEquals("This interface is temporarily paused", a.msg());
    }

    @Test
    void pausedFromSettings() {
        assertPaused(client.create(SimClient.request("sora-2-text-to-video", "a cat", null)));
        assertEquals(0, sim.taskIds().size());
    }

    @Test
    void pauseAndResumeAtRunTime() {
        var kling = SimClient.request("kling-2.6/text-to-video", "a cat", null);
        assertEquals(200, client.create(kling).code());
        sim.pauseModel("kling-2.6/text-to-video");
        assertPaused(client.create(kling));
        sim.resumeModel("kling-2.6/text-to-video");
        assertEquals(200, client.create(kling).code());
        sim.resumeModel("sora-2-text-to-video");
        assertEquals(200, client.create(SimClient.request("sora-2-text-to-video", "a cat", null)).code());
    }

    @Test
    void pausedIsReportedBeforeInputValidation() {
        var bad = SimClient.request("sora-2-text-to-video", "", null);
        assertPaused(client.create(bad));
    }
}
