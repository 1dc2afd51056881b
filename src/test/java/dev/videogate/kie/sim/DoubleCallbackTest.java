package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** [sim:double-callback] delivers the same callback twice, as Kie.ai sometimes does. */
class DoubleCallbackTest {

    private KieSimulator sim;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100)).start();
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.close();
    }

    @Test
    void sendsTwoIdenticalCallbacks() throws Exception {
        String id = new SimClient(sim).createOk("kling-2.6/text-to-video", "twice [sim:double-callback]",
                receiver.url());
        List<CallbackReceiver.Received> all = receiver.await(2, Duration.ofSeconds(5), Duration.ofMillis(150));
        assertEquals(2, all.size());
        assertEquals(all.get(0).body(), all.get(1).body());
        assertEquals(sim.callbackBody(id), all.get(0).body());
        assertEquals(2, sim.callbacksSent());
        assertEquals(2, sim.callbacksAcknowledged());
    }
}
