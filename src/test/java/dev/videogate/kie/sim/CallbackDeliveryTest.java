package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The callback reaches callBackUrl once, with the record shape recordInfo answers. */
class CallbackDeliveryTest {

    private KieSimulator sim;
    private SimClient client;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(150).callbackRetryDelayMillis(50)).start();
        client = new SimClient(sim);
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.close();
    }

    @Test
    void successCallbackCarriesTheFinalRecord() throws Exception {
        String id = client.createOk("sora-2-text-to-video", "a lighthouse", receiver.url());
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb, "callback received");
        assertTrue(cb.header("Content-Type").startsWith("application/json"));
        assertNull(cb.header("X-Webhook-Signature"), "unsigned without a webhook key");
        JsonNode body = SimClient.JSON.readTree(cb.body());
        assertEquals(200, body.path("code").asInt());
        assertEquals(KieSimulator.MSG_CALLBACK_SUCCESS, body.path("msg").asText());
        JsonNode data = body.path("data");
        assertEquals(id, data.path("taskId").asText());
        assertEquals("success", data.path("state").asText());
        JsonNode result = SimClient.JSON.readTree(data.path("resultJson").asText());
        assertEquals(sim.videoUrl(id), result.path("resultUrls").get(0).asText());

        assertEquals(cb.body(), sim.callbackBody(id), "callbackBody() is exactly what was sent");
        JsonNode polled = client.recordInfo(id).data();
        assertEquals(polled, data, "callback data equals the recordInfo data");

        assertTrue(receiver.drain(Duration.ofMillis(200)).isEmpty(), "only one callback");
        assertEquals(1, sim.callbacksSent());
        assertEquals(1, sim.callbacksAcknowledged());
        assertEquals(1, sim.task(id).callbackAttempts());
    }

    @Test
    void failedTaskCallbackUsesCode501() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "forbidden [sim:fail]", receiver.url());
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb);
        JsonNode body = SimClient.JSON.readTree(cb.body());
        assertEquals(KieSimulator.CALLBACK_CODE_FAIL, body.path("code").asInt());
        assertEquals(KieSimulator.MSG_CALLBACK_FAIL, body.path("msg").asText());
        assertEquals("fail", body.path("data").path("state").asText());
        assertEquals("500", body.path("data").path("failCode").asText());
        assertEquals(PromptDirectives.DEFAULT_FAIL_MSG, body.path("data").path("failMsg").asText());
        assertEquals("", body.path("data").path("resultJson").asText());
        assertEquals(id, body.path("data").path("taskId").asText());
    }

    @Test
    void resendCallbackSendsTheSameBodyAgain() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "again", receiver.url());
        CallbackReceiver.Received first = receiver.next(Duration.ofSeconds(5));
        assertNotNull(first);
        assertEquals(200, sim.resendCallback(id).get().intValue());
        CallbackReceiver.Received second = receiver.next(Duration.ofSeconds(5));
        assertNotNull(second);
        assertEquals(first.body(), second.body());
        assertEquals(2, sim.callbacksSent());
    }

    @Test
    void noCallbackWithoutCallBackUrl() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "nobody listens", null);
        client.awaitEnd(id);
        Thread.sleep(100);
        assertEquals(0, sim.callbacksSent());
    }
}
