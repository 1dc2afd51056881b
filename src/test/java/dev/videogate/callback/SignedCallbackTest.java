package dev.videogate.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a webhook key, only callbacks Kie.ai signed (fresh, right key) are heard; the others change nothing. */
class SignedCallbackTest extends GatewayTest {

    private static final String KEY = "whk-test";

    @Override
    protected SimulatorSettings simulator() {
        return super.simulator().webhookHmacKey(KEY);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.kie.webhook-key", KEY);
    }

    @Test
    void signedCallbackCompletesTheGeneration() throws Exception {
        String id = create("A red kite over a hill").get("generationId").asText();
        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());
        Map<String, Object> row = db.rows("SELECT state_source, callback_count FROM generation WHERE id = ?", id).get(0);
        assertEquals("callback", row.get("state_source"));
        assertEquals(1, ((Number) row.get("callback_count")).intValue());
    }

    @Test
    void correctlySignedFreshCallbackIsHeard() throws Exception {
        // the control for the refusals below: same request shape, right key, fresh time -> accepted
        Running task = running();
        HttpResponse<String> answer = gateway.post("/api/callback", body(task.taskId), signed(KEY, task.taskId, now()));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, callbackCount(task.id));
        assertEquals(1, kie.recordInfoCalls(task.taskId));
    }

    @Test
    void wrongSignatureIs401AndChangesNothing() throws Exception {
        Running task = running();
        HttpResponse<String> answer = gateway.post("/api/callback", body(task.taskId), signed("not-the-key", task.taskId, now()));
        assertRefused(answer, task);
    }

    @Test
    void missingHeadersAre401() throws Exception {
        Running task = running();
        assertRefused(gateway.post("/api/callback", body(task.taskId)), task);
        assertRefused(gateway.post("/api/callback", body(task.taskId),
                Map.of("X-Webhook-Timestamp", String.valueOf(now()))), task);
        assertRefused(gateway.post("/api/callback", body(task.taskId),
                Map.of("X-Webhook-Signature", KieSimulator.sign(KEY, task.taskId + "." + now()))), task);
    }

    @Test
    void staleTimestampIs401EvenWhenCorrectlySigned() throws Exception {
        Running task = running();
        assertRefused(gateway.post("/api/callback", body(task.taskId), signed(KEY, task.taskId, now() - 3600)), task);
    }

    private record Running(String id, String taskId) {
    }

    private Running running() throws Exception {
        JsonNode created = create("A clock that never stops [sim:stuck]");
        return new Running(created.get("generationId").asText(), created.get("kieTaskId").asText());
    }

    private void assertRefused(HttpResponse<String> answer, Running task) throws Exception {
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("invalid_signature", Json.parse(answer.body()).get("error").asText(), answer.body());
        assertEquals(0, callbackCount(task.id), "the refused callback was not even noted");
        assertEquals("pending", db.rows("SELECT state FROM generation WHERE id = ?", task.id).get(0).get("state"));
        assertEquals(0, kie.recordInfoCalls(task.taskId), "no Kie.ai call for a refused callback");
    }

    private long callbackCount(String id) throws Exception {
        return db.count("SELECT callback_count FROM generation WHERE id = ?", id);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static Map<String, String> signed(String key, String taskId, long timestamp) {
        return Map.of("X-Webhook-Timestamp", String.valueOf(timestamp),
                "X-Webhook-Signature", KieSimulator.sign(key, taskId + "." + timestamp));
    }

    private static String body(String taskId) {
        return "{\"code\":200,\"msg\":\"Playground task completed successfully.\",\"data\":{\"taskId\":\"" + taskId
                + "\",\"state\":\"success\",\"resultJson\":\"{\\\"resultUrls\\\":[\\\"https://evil.example/x.mp4\\\"]}\"}}";
    }
}
