package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A callback not answered 2xx is retried up to callbackRetries times, then given up. */
class CallbackRetryTest {

    private KieSimulator sim;
    private SimClient client;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(50).callbackRetries(3)
                .callbackRetryDelayMillis(60)).start();
        client = new SimClient(sim);
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.close();
    }

    @Test
    void retriedUntilAcknowledged() throws Exception {
        receiver.answer(500, 503);
        client.createOk("kling-2.6/text-to-video", "retry me", receiver.url());
        List<CallbackReceiver.Received> all = receiver.await(3, Duration.ofSeconds(5), Duration.ofMillis(150));
        assertEquals(3, all.size(), "two refusals, then a 200");
        assertTrue(all.get(1).atMillis() - all.get(0).atMillis() >= 50, "backoff between attempts");
        assertEquals(all.get(0).body(), all.get(2).body(), "same body every time");
        assertEquals(3, sim.callbacksSent());
        assertEquals(1, sim.callbacksAcknowledged());
    }

    @Test
    void givenUpAfterThreeRetries() throws Exception {
        receiver.defaultStatus(500);
        String id = client.createOk("kling-2.6/text-to-video", "never acknowledged", receiver.url());
        List<CallbackReceiver.Received> all = receiver.await(4, Duration.ofSeconds(5), Duration.ofMillis(150));
        assertEquals(4, all.size(), "first attempt + 3 retries");
        assertEquals(4, sim.callbacksSent());
        assertEquals(0, sim.callbacksAcknowledged());
        assertEquals("success", sim.task(id).state(), "the task itself still succeeded");
    }

    @Test
    void unreachableReceiverIsRetriedToo() throws Exception {
        String dead;
        try (CallbackReceiver gone = new CallbackReceiver()) {
            dead = gone.url();
        }
        String id = client.createOk("kling-2.6/text-to-video", "nobody home", dead);
        long deadline = System.currentTimeMillis() + 3000;
        while (sim.callbacksSent() < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(4, sim.callbacksSent());
        assertEquals(0, sim.callbacksAcknowledged());
        assertEquals(-1, sim.resendCallback(id).get().intValue(), "transport error reported as -1");
    }
}
