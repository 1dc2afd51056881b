package dev.videogate.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Limits queue, they do not refuse: Kie.ai (the simulator) takes one createTask per 4 s, and the bundle knows it. A
 * paid request over the rate gets 202 "queued" with its generationId and accessToken, its payment held, not settled;
 * its task is created once the window frees, and only then is the payment settled: once. No createTask is ever sent
 * over the rate (the simulator answered no 429), and GET /api/models shows the queue while it waits.
 */
class OverTheRateIsQueuedTest extends PaidGatewayTest {

    @Override
    protected SimulatorSettings simulator() {
        // one create per 12 s: the second paid request (402, signing, verify: seconds on a loaded machine) surely comes
        // within the first one's window
        return SimulatorSettings.defaults().generationMillis(300).createRateLimit(1, 12_000);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.kie.create-rate", "1", "app.kie.create-window-ms", "12000", "app.queue.interval-ms", "200");
    }

    @Test
    void aPaidRequestOverTheRateIsQueuedThenCreatedAndSettledOnce() throws Exception {
        awaitAFreeWindow(); // the other method may have run first: its create must not count against "first in the window"
        int createsBefore = kie.createTaskCalls();
        int rateLimitedBefore = kie.rateLimitedCreates();
        BigInteger firstBefore = x402.balance(x402.payerAddress(1));
        BigInteger secondBefore = x402.balance(x402.payerAddress(2));

        JsonNode first = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(1), Json.request("first in the window"));
        assertEquals(200, first.get("status").asInt(), first.toString());
        int settlesAfterFirst = x402.facilitatorStats().get("settleCalls").asInt();

        JsonNode second = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(2), Json.request("over the rate"));
        assertEquals(202, second.get("status").asInt(), second.toString());
        JsonNode queued = second.get("body");
        assertEquals("queued", queued.get("state").asText(), queued.toString());
        assertTrue(queued.get("kieTaskId").isNull(), queued.toString());
        assertEquals("held", queued.get("paymentStatus").asText());
        assertEquals(1, queued.get("queue").get("position").asInt(), queued.toString());
        assertTrue(queued.get("queue").get("expectedWaitSeconds").asInt() >= 4, queued.toString());
        String id = queued.get("generationId").asText();
        String token = queued.get("accessToken").asText();
        assertEquals(settlesAfterFirst, x402.facilitatorStats().get("settleCalls").asInt(), "nothing settled while queued");
        assertEquals(secondBefore, x402.balance(x402.payerAddress(2)), "not charged while queued");

        // the caller's view while it waits: the status answer and the model list
        HttpResponse<String> status = get("/api/generate/" + id, token);
        if (status.statusCode() == 200 && "queued".equals(Json.parse(status.body()).get("state").asText())) {
            JsonNode waiting = Json.parse(status.body());
            assertEquals(1, waiting.get("queue").get("position").asInt(), waiting.toString());
            assertTrue(waiting.hasNonNull("queueDeadline"), waiting.toString());
            JsonNode models = Json.parse(gateway.get("/api/models").body());
            assertEquals(1, models.get("createQueue").get("createRate").asInt(), models.get("createQueue").toString());
        }

        JsonNode done = Json.parse(get("/api/generate/" + id + "?poll=true", token).body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        Await.until("settled", Duration.ofSeconds(10), () -> "settled".equals(
                db.rows("SELECT payment_status FROM generation WHERE id = ?", id).get(0).get("payment_status")));
        assertEquals(secondBefore.subtract(PRICE), x402.balance(x402.payerAddress(2)), "charged exactly once");
        assertEquals(firstBefore.subtract(PRICE), x402.balance(x402.payerAddress(1)), "charged exactly once");
        assertEquals(settlesAfterFirst + 1, x402.facilitatorStats().get("settleCalls").asInt(), "one settle for the queued one");
        assertEquals(rateLimitedBefore, kie.rateLimitedCreates(), "no createTask was sent over Kie.ai's rate");
        assertEquals(createsBefore + 2, kie.createTaskCalls(), "one createTask each");
        Map<String, Object> row = db.rows("SELECT task_created_at - queued_at AS waited, state_source FROM generation WHERE id = ?", id).get(0);
        assertTrue(row.get("waited") != null, row.toString());
    }

    @Test
    void aQueuedRequestWhoseCreateIsAnswered429WaitsAgain() throws Exception {
        awaitAFreeWindow();
        kie.failNextCreates(1, 429, 429, "Rate limited - request limit has been exceeded for this resource");
        int settles = x402.facilitatorStats().get("settleCalls").asInt();
        BigInteger before = x402.balance(x402.payerAddress(3));

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(3), Json.request("Kie.ai says 429"));

        assertEquals(202, paid.get("status").asInt(), paid.toString());
        assertEquals("queued", paid.get("body").get("state").asText(), paid.toString());
        String id = paid.get("body").get("generationId").asText();
        JsonNode done = Json.parse(get("/api/generate/" + id + "?poll=true", paid.get("body").get("accessToken").asText()).body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(3)), "charged once, after the task existed");
        assertEquals(settles + 1, x402.facilitatorStats().get("settleCalls").asInt());
    }

    /** Kie.ai's 12 s window and ours both have room again (no create in the last 13 s). */
    private void awaitAFreeWindow() throws Exception {
        Await.until("the window is free", Duration.ofSeconds(20), () -> kie.maxCreatesInWindow() <= 1
                && db.count("SELECT count(*) FROM kie_create_slot WHERE slot = 1 AND used_at > now() - interval '13 seconds'") == 0);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .timeout(Duration.ofSeconds(40)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
