package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a webhook HMAC key, callbacks carry X-Webhook-Timestamp and a verifiable X-Webhook-Signature. */
class SimulatorSignsCallbacksTest {

    private static final String HMAC_KEY = "test-webhook-key";

    private KieSimulator sim;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100).webhookHmacKey(HMAC_KEY)).start();
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.close();
    }

    @Test
    void signatureIsBase64HmacSha256OfTaskIdDotTimestamp() throws Exception {
        String id = new SimClient(sim).createOk("kling-2.6/text-to-video", "signed", receiver.url());
        CallbackReceiver.Received cb = receiver.next(Duration.ofSeconds(5));
        assertNotNull(cb);
        String timestamp = cb.header("X-Webhook-Timestamp");
        String signature = cb.header("X-Webhook-Signature");
        assertNotNull(timestamp);
        assertNotNull(signature);
        long seconds = Long.parseLong(timestamp);
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - seconds) <= 5, "timestamp is epoch seconds");

        JsonNode body = SimClient.JSON.readTree(cb.body());
        String bodyTaskId = body.path("data").path("taskId").asText();
        assertEquals(id, bodyTaskId);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((bodyTaskId + "." + timestamp).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, signature);
    }
}
