package dev.videogate.kie.sim;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line and the environment of the runnable simulator. */
class KieSimulatorMainTest {

    @Test
    void pausedModelsFromRepeatedOrCommaSeparatedOptions() {
        SimulatorSettings s = KieSimulatorMain.settings(new String[]{
                "--pause", "sora-2-text-to-video", "--pause", "veo3_fast, kling-2.6/text-to-video", "--port", "0"},
                Map.of());
        assertEquals(Set.of("sora-2-text-to-video", "veo3_fast", "kling-2.6/text-to-video"), s.pausedModels());
        assertEquals(0, s.port());
    }

    @Test
    void pausedModelsFromTheEnvironmentAreAdded() {
        SimulatorSettings s = KieSimulatorMain.settings(new String[]{"--pause", "veo3"},
                Map.of(KieSimulatorMain.PAUSED_MODELS_ENV, "sora-2-pro-text-to-video,,veo3_lite "));
        assertEquals(Set.of("veo3", "sora-2-pro-text-to-video", "veo3_lite"), s.pausedModels());
        assertTrue(KieSimulatorMain.settings(new String[0], Map.of()).pausedModels().isEmpty());
        assertEquals(8089, KieSimulatorMain.settings(new String[0], Map.of()).port());
    }

    @Test
    void settingsFromTheCommandLineReachTheSimulator() {
        SimulatorSettings s = KieSimulatorMain.settings(new String[]{"--port", "0", "--pause", "veo3_fast"},
                Map.of()).generationMillis(50);
        try (KieSimulator sim = new KieSimulator(s).start()) {
            SimClient.Answer a = new SimClient(sim).veoGenerate(SimClient.veoRequest(null, "x", null));
            assertEquals(500, a.code());
            assertEquals(KieSimulator.MSG_PAUSED, a.msg());
        }
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> KieSimulatorMain.settings(new String[]{"--pause"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> KieSimulatorMain.settings(new String[]{"--bogus", "1"}, Map.of()));
        assertEquals(List.of("a", "b"), KieSimulatorMain.modelList(" a ,b,"));
    }
}
