package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** [sim:no-callback] and setCallbacksEnabled(false): the task ends, only recordInfo shows it. */
class NoCallbackTest {

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
    void directiveSuppressesTheCallbackButRecordInfoShowsSuccess() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "silent [sim:no-callback]", receiver.url());
        assertEquals("success", client.awaitEnd(id).path("state").asText());
        assertTrue(receiver.drain(Duration.ofMillis(150)).isEmpty());
        assertEquals(0, sim.callbacksSent());
        assertTrue(sim.callbackBody(id).contains(id), "the body it would send is still available");
    }

    @Test
    void globallyDisabledCallbacksAreNotSentUntilReenabled() throws Exception {
        sim.setCallbacksEnabled(false);
        String quiet = client.createOk("kling-2.6/text-to-video", "quiet", receiver.url());
        client.awaitEnd(quiet);
        assertTrue(receiver.drain(Duration.ofMillis(150)).isEmpty());

        sim.setCallbacksEnabled(true);
        String loud = client.createOk("kling-2.6/text-to-video", "loud", receiver.url());
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb);
        assertTrue(cb.body().contains(loud));
    }

    @Test
    void resendDeliversEvenASuppressedCallback() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "late [sim:no-callback]", receiver.url());
        client.awaitEnd(id);
        assertEquals(200, sim.resendCallback(id).get().intValue());
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb);
        assertEquals(sim.callbackBody(id), cb.body());
    }
}
