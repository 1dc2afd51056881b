package dev.videogate.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Kie.ai takes one createTask per minute, and a payment leaves the queue 8 s (its validity, 300 s, less a settle
 * margin of 292 s). A request queued behind the first never gets its task in time: it ends failed, queue_expired,
 * and its payment is never settled (the facilitator saw no /settle for it; the payer's balance is whole). While it
 * waits the queue is longer than a payment allows, so the next request hears 503 queue_full with Retry-After
 * before anyone pays: no 402 challenge for an unpaid request, no /verify for a paid one.
 */
class QueuePastItsPaymentIsNeverChargedTest extends PaidGatewayTest {

    @Override
    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(300).createRateLimit(1, 60_000);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.kie.create-rate", "1", "app.kie.create-window-ms", "60000", "app.queue.interval-ms", "200",
                "app.queue.settle-margin-ms", "292000");
    }

    @Test
    void aQueuedRequestWhoseValidityRunsOutFailsAndIsNeverSettled() throws Exception {
        JsonNode first = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(1), Json.request("takes the minute's slot"));
        assertEquals(200, first.get("status").asInt(), first.toString());
        int settles = x402.facilitatorStats().get("settleCalls").asInt();
        int verifies = x402.facilitatorStats().get("verifyCalls").asInt();
        BigInteger before = x402.balance(x402.payerAddress(2));

        JsonNode queued = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(2), Json.request("waits past its payment"));
        assertEquals(202, queued.get("status").asInt(), queued.toString());
        assertEquals("queued", queued.get("body").get("state").asText());
        String id = queued.get("body").get("generationId").asText();
        String token = queued.get("body").get("accessToken").asText();

        // the queue (one waiting, a minute per create) is longer than a payment stays valid: 503 before payment
        HttpResponse<String> unpaid = gateway.post("/api/generate", Json.request("one more, unpaid"));
        assertEquals(503, unpaid.statusCode(), unpaid.body());
        assertEquals("queue_full", Json.parse(unpaid.body()).get("error").asText(), unpaid.body());
        assertTrue(Integer.parseInt(unpaid.headers().firstValue("Retry-After").orElseThrow()) > 0, unpaid.headers().toString());
        assertFalse(unpaid.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "no 402 challenge: nobody should pay now");
        JsonNode paidLate = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(3), Json.request("one more, paid"));
        assertEquals(503, paidLate.get("status").asInt(), paidLate.toString());
        assertEquals(verifies + 1, x402.facilitatorStats().get("verifyCalls").asInt(), "only the queued one was verified");
        JsonNode models = Json.parse(gateway.get("/api/models").body());
        assertEquals(1, models.get("createQueue").get("depth").asInt(), models.get("createQueue").toString());
        assertTrue(models.get("createQueue").get("expectedWaitSeconds").asInt() >= 60, models.get("createQueue").toString());

        Await.until("failed at its deadline", Duration.ofSeconds(20), () -> "failed".equals(
                db.rows("SELECT state FROM generation WHERE id = ?", id).get(0).get("state")));
        Map<String, Object> row = db.rows("SELECT fail_code, payment_status, payment_tx, kie_task_id FROM generation WHERE id = ?", id).get(0);
        assertEquals("queue_expired", row.get("fail_code"), row.toString());
        assertEquals("failed", row.get("payment_status"), row.toString());
        assertEquals(null, row.get("payment_tx"), row.toString());
        assertEquals(null, row.get("kie_task_id"), row.toString());
        assertEquals(settles, x402.facilitatorStats().get("settleCalls").asInt(), "the facilitator never saw a settle for it");
        assertEquals(before, x402.balance(x402.payerAddress(2)), "nothing charged");
        assertEquals(1, kie.createTaskCalls(), "no task was created for it");

        // the caller reads why: a failure, not a withheld result
        HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url("/api/generate/" + id)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        JsonNode failed = Json.parse(status.body());
        assertEquals("failed", failed.get("state").asText(), failed.toString());
        assertEquals("queue_expired", failed.get("failCode").asText(), failed.toString());
        assertTrue(failed.get("failMsg").asText().contains("nothing was charged"), failed.toString());

        // the queue is empty again: the next request is challenged as usual
        Await.until("the queue read empty", Duration.ofSeconds(5),
                () -> gateway.post("/api/generate", Json.request("after the queue")).statusCode() == 402);
    }
}
