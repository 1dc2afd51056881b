package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.videogate.kie.sim.ModelRulesTest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Veo callbacks: Kie's Veo shape, signed like market callbacks, retried like them. */
class VeoCallbackTest {

    private static final String KEY = "veo-webhook-key";

    private KieSimulator sim;
    private SimClient client;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(150).callbackRetryDelayMillis(50)
                .webhookHmacKey(KEY)).start();
        client = new SimClient(sim);
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.close();
    }

    @Test
    void successCallbackHasVeoShapeAndIsSigned() throws Exception {
        String id = client.veoGenerateOk(obj("{'prompt':'a fox','resolution':'1080p','callBackUrl':'"
                + receiver.url() + "'}"));
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb, "callback received");
        JsonNode body = SimClient.JSON.readTree(cb.body());
        assertEquals(200, body.path("code").asInt());
        assertEquals("Veo3 video generated successfully.", body.path("msg").asText());
        JsonNode data = body.path("data");
        assertEquals(id, data.path("taskId").asText());
        assertFalse(data.path("fallbackFlag").asBoolean(true));
        assertTrue(data.path("fallbackFlag").isBoolean());
        JsonNode info = data.path("info");
        assertEquals(List.of(sim.videoUrl(id)), SimClient.JSON.convertValue(info.path("resultUrls"), List.class));
        assertTrue(info.path("originUrls").isArray() && info.path("originUrls").size() == 1, info.toString());
        assertEquals("1080p", info.path("resolution").asText());
        assertFalse(data.has("state"), "not the market record");
        assertEquals(cb.body(), sim.callbackBody(id));

        String timestamp = cb.header("X-Webhook-Timestamp");
        assertNotNull(timestamp);
        assertEquals(KieSimulator.sign(KEY, id + "." + timestamp), cb.header("X-Webhook-Signature"));
        assertEquals(1, client.veoRecordInfo(id).data().path("successFlag").asInt(), "confirmable by record-info");
    }

    @Test
    void failureCallbackUsesCode501AndTheMessage() throws Exception {
        String id = client.veoGenerateOk(SimClient.veoRequest("veo3_lite", "x [sim:fail]", receiver.url()));
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb);
        JsonNode body = SimClient.JSON.readTree(cb.body());
        assertEquals(501, body.path("code").asInt());
        assertEquals(PromptDirectives.DEFAULT_FAIL_MSG, body.path("msg").asText());
        assertEquals(id, body.path("data").path("taskId").asText());
        assertFalse(body.path("data").has("info"), "no result on failure");
        assertEquals(2, client.veoRecordInfo(id).data().path("successFlag").asInt());
    }

    @Test
    void unacknowledgedCallbackIsRetried() throws Exception {
        receiver.answer(500, 503);
        String id = client.veoGenerateOk(SimClient.veoRequest(null, "x", receiver.url()));
        List<CallbackReceiver.Received> all = receiver.await(3, Duration.ofSeconds(5), Duration.ofMillis(200));
        assertEquals(3, all.size(), "two refusals, then acknowledged");
        assertEquals(all.get(0).body(), all.get(2).body());
        assertEquals(3, sim.task(id).callbackAttempts());
        assertEquals(1, sim.callbacksAcknowledged());
    }

    @Test
    void noCallbackDirectiveWorksForVeo() throws Exception {
        String id = client.veoGenerateOk(SimClient.veoRequest(null, "x [sim:no-callback]", receiver.url()));
        client.awaitVeoEnd(id);
        assertTrue(receiver.drain(Duration.ofMillis(200)).isEmpty());
        assertEquals(0, sim.callbacksSent());
    }
}
