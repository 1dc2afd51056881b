package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The facilitator's /settle answer is lost. The payer is never told "not charged": it gets 202 with its ids and
 * access token, "paymentStatus":"confirming". The reconciler asks the chain and ends every case with certainty:
 * settled (and the video is released) or failed (and nothing moved).
 */
class LostSettleAnswerIsReconciledTest extends PaidGatewayTest {

    /** "generationId step-endpoint" of each step the reconciler's route sent to, seen through a Camel event notifier. */
    private final Queue<String> reconcilerSteps = new ConcurrentLinkedQueue<>();
    private boolean watching;

    /** Notes the reconciler's outcome steps (mark-payment-confirmed.sql, settle-again, mark-payment-failed.sql) per generation. */
    private void watchReconciler() {
        if (watching) {
            return;
        }
        watching = true;
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent) {
                    String uri = sent.getEndpoint().getEndpointUri();
                    Object id = sent.getExchange().getVariable("generationId");
                    if (id != null && (uri.contains("mark-payment-confirmed") || uri.contains("settle-again") || uri.contains("mark-payment-failed"))) {
                        reconcilerSteps.add(id + " " + uri);
                    }
                }
            }
        });
    }

    private List<String> reconcilerStepsOf(String id) {
        return reconcilerSteps.stream().filter(step -> step.startsWith(id + " ")).toList();
    }

    private int reconcileCount(String id) throws Exception {
        return ((Number) db.rows("SELECT reconcile_count FROM generation WHERE id = ?", id).get(0).get("reconcile_count")).intValue();
    }

    @AfterEach
    void resetFacilitator() throws Exception {
        x402.facilitatorControl("reset", "{}");
    }

    @Test
    void settledButTheAnswerWasLost() throws Exception {
        watchReconciler();
        x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"after\"}");
        BigInteger before = x402.balance(x402.payerAddress(5));
        int settles = x402.facilitatorStats().get("settleCalls").asInt();

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(5), Json.request("lost answer, money moved"));

        JsonNode body = confirming(paid);
        assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(5)), "the transfer happened");
        String id = body.get("generationId").asText();
        Await.until("the chain confirmed it", Duration.ofSeconds(15), () -> "settled".equals(paymentStatus(id)));
        JsonNode result = read(id, body.get("accessToken").asText());
        assertEquals("completed", result.get("state").asText(), result.toString());
        // released: Kie.ai's link, or our own copy once it is made (a race with the copy outbox)
        assertTrue(result.get("result").asText().matches(".*(\\.mp4|/files/0)"), result.toString());
        assertEquals(settles + 1, x402.facilitatorStats().get("settleCalls").asInt(), "no second settle was needed");
        // only the reconciler could have done it: its claim counted the row, and its chain-confirmed step wrote it
        assertTrue(reconcileCount(id) >= 1, "the reconciler claimed the row");
        List<String> steps = reconcilerStepsOf(id);
        assertEquals(1, steps.size(), steps.toString());
        assertTrue(steps.get(0).contains("mark-payment-confirmed"), "settled on the chain's word, by the reconciler: " + steps);
    }

    @Test
    void notSettledAndTheAnswerWasLost() throws Exception {
        watchReconciler();
        x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"before\"}");
        BigInteger before = x402.balance(x402.payerAddress(4));
        int settles = x402.facilitatorStats().get("settleCalls").asInt();

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(4), Json.request("lost answer, nothing moved"));

        JsonNode body = confirming(paid);
        String id = body.get("generationId").asText();
        Await.until("settled by the reconciler", Duration.ofSeconds(15), () -> "settled".equals(paymentStatus(id)));
        assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(4)), "charged exactly once");
        assertEquals("completed", read(id, body.get("accessToken").asText()).get("state").asText());
        // the reconciler found the authorization unused and settled it again itself
        assertEquals(settles + 2, x402.facilitatorStats().get("settleCalls").asInt(), "the lost settle and the reconciler's");
        assertTrue(reconcileCount(id) >= 1, "the reconciler claimed the row");
        assertTrue(reconcilerStepsOf(id).stream().anyMatch(step -> step.contains("settle-again")), reconcilerStepsOf(id).toString());
    }

    @Test
    void neverSettledAndExpiredIsFailedWithNothingCharged() throws Exception {
        x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"before\"}");
        x402.facilitatorControl("fail-settle", "{\"times\":1000}");
        watchReconciler();
        BigInteger before = x402.balance(x402.payerAddress(3));

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(3), Json.request("never moved"));

        String id = confirming(paid).get("generationId").asText();
        // a few rounds (counted, not slept): refused second settles leave it unknown, never failed on their word alone
        Await.until("three reconciler rounds on it", Duration.ofSeconds(20), () -> reconcileCount(id) >= 3);
        assertEquals("settle_unknown", paymentStatus(id));
        // the second settle was heard, and refused: booked as unknown, with what the facilitator said
        Await.until("a second settle refused", Duration.ofSeconds(10), () -> String.valueOf(
                db.rows("SELECT payment_error FROM generation WHERE id = ?", id).get(0).get("payment_error"))
                .equals("settlement_unanswered: the second settle was refused (test_injected_settle_failure)"));
        assertEquals("settle_unknown", paymentStatus(id));
        // the same signed payment again while it is being confirmed: the same generation, and no access token (the
        // transfer may be public already; the first answer had the token, see ReplayNeverGetsTheTokenTest)
        HttpResponse<String> again = gateway.post("/api/generate", Json.request("never moved"),
                java.util.Map.of("PAYMENT-SIGNATURE", paid.get("request").get("paymentHeader").asText()));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(id, Json.parse(again.body()).get("generationId").asText());
        assertFalse(Json.parse(again.body()).has("accessToken"), again.body());
        db.execute("UPDATE generation SET payment_valid_before = 1 WHERE id = '" + id + "'"); // the authorization expires
        Await.until("failed once it can no longer move", Duration.ofSeconds(15), () -> "failed".equals(paymentStatus(id)));
        assertEquals(before, x402.balance(x402.payerAddress(3)), "nothing charged");
        assertTrue(reconcilerStepsOf(id).stream().anyMatch(step -> step.contains("mark-payment-failed")),
                "failed by the reconciler: " + reconcilerStepsOf(id));
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url("/api/generate/" + id)))
                .header("Authorization", "Bearer " + confirming(paid).get("accessToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(402, read.statusCode(), read.body());
    }

    private JsonNode confirming(JsonNode paid) {
        assertEquals(202, paid.get("status").asInt(), paid.toString());
        JsonNode body = paid.get("body");
        assertEquals("confirming", body.get("paymentStatus").asText(), body.toString());
        // no settlement header while the outcome is unknown: there is no answer to pass on
        assertFalse(paid.get("headers").has("payment-response"), paid.toString());
        assertFalse(body.toString().toLowerCase().contains("not charged"), body.toString());
        assertTrue(body.hasNonNull("accessToken") && body.hasNonNull("generationId") && body.hasNonNull("kieTaskId"), body.toString());
        return body;
    }

    private String paymentStatus(String id) throws Exception {
        return (String) db.rows("SELECT payment_status FROM generation WHERE id = ?", id).get(0).get("payment_status");
    }

    private JsonNode read(String id, String token) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.url("/api/generate/" + id + "?poll=true"))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
