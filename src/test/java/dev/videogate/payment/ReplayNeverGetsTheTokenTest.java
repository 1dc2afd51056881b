package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AnswerLosingKie;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Anyone can rebuild a payment header from the chain once its transfer is public, and the transfer may be public while
 * the bundle still has the payment as settling or unknown. So a replay of the same header gets the generation's ids and
 * state, and its accessToken only with the Idempotency-Key of the first request, in every payment state. A first
 * request without a key got the token in its own answer: no replay ever gets it.
 */
class ReplayNeverGetsTheTokenTest extends PaidGatewayTest {

    private static final String LOSE_ANSWER = "lose-the-create-answer";

    private AnswerLosingKie lossy;

    @Override
    protected Map<String, String> settings() {
        try {
            lossy = new AnswerLosingKie(kie.rootUrl(), LOSE_ANSWER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("app.kie.api-url", lossy.baseUrl(kie.baseUrl()), "app.kie.response-timeout-ms", "1000");
    }

    @AfterAll
    void stopLossy() {
        lossy.close();
    }

    @AfterEach
    void resetFacilitator() throws Exception {
        x402.facilitatorControl("reset", "{}");
    }

    @Test
    void whileSettling() throws Exception {
        String prompt = "replayed while settling";
        String header = sign(0, prompt);
        x402.facilitatorControl("delay", "{\"settleMs\":3000}");
        CompletableFuture<HttpResponse<String>> original = CompletableFuture.supplyAsync(() -> post(prompt, header, "first-key-settling-0123456789"));
        Await.until("the payment is settling", Duration.ofSeconds(15), () -> "settling".equals(paymentStatus(prompt)));

        String token = replaysGetNoToken(prompt, header, "first-key-settling-0123456789");
        JsonNode first = Json.parse(original.join().body());
        assertEquals(token, first.get("accessToken").asText(), "the first request's own answer");
    }

    @Test
    void whileTheSettlementIsUnknown() throws Exception {
        String prompt = "replayed while being confirmed";
        String header = sign(1, prompt);
        loseTheSettleAnswerForGood();
        JsonNode first = Json.parse(post(prompt, header, "first-key-unknown-0123456789").body());
        assertEquals("confirming", first.get("paymentStatus").asText(), first.toString());
        assertEquals("settle_unknown", paymentStatus(prompt));

        assertEquals(first.get("accessToken").asText(), replaysGetNoToken(prompt, header, "first-key-unknown-0123456789"));
    }

    @Test
    void whileTheTaskIsUnconfirmed() throws Exception {
        String prompt = "replayed while unconfirmed [sim:no-callback] " + LOSE_ANSWER; // no callback brings the task
        String header = sign(2, prompt);
        HttpResponse<String> answer = post(prompt, header, "first-key-unconfirmed-0123456789");
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals("verified", paymentStatus(prompt));

        assertEquals(Json.parse(answer.body()).get("accessToken").asText(), replaysGetNoToken(prompt, header, "first-key-unconfirmed-0123456789"));
    }

    @Test
    void settled() throws Exception {
        String prompt = "replayed once settled";
        String header = sign(3, prompt);
        JsonNode first = Json.parse(post(prompt, header, "first-key-settled-0123456789").body());
        assertEquals("settled", paymentStatus(prompt));

        assertEquals(first.get("accessToken").asText(), replaysGetNoToken(prompt, header, "first-key-settled-0123456789"));
    }

    @Test
    void failed() throws Exception {
        String prompt = "replayed once failed";
        String header = sign(4, prompt);
        x402.facilitatorControl("fail-settle", "{\"times\":1}");
        assertEquals(402, post(prompt, header, "first-key-failed-0123456789").statusCode());
        assertEquals("failed", paymentStatus(prompt));

        for (String key : new String[] {"first-key-failed-0123456789", "someone-else-key-0123456789", null}) {
            HttpResponse<String> replay = post(prompt, header, key);
            assertEquals(402, replay.statusCode(), replay.body());
            assertEquals("payment_not_settled", Json.parse(replay.body()).get("error").asText());
            assertFalse(replay.body().contains("accessToken"), replay.body());
        }
    }

    @Test
    void aFirstRequestWithoutAKeyIsTheOnlyOneThatGetsTheToken() throws Exception {
        String settling = "no key, replayed while settling";
        String settlingHeader = sign(5, settling);
        x402.facilitatorControl("delay", "{\"settleMs\":3000}");
        CompletableFuture<HttpResponse<String>> original = CompletableFuture.supplyAsync(() -> post(settling, settlingHeader, null));
        Await.until("the payment is settling", Duration.ofSeconds(15), () -> "settling".equals(paymentStatus(settling)));
        replaysGetNoToken(settling, settlingHeader, null);
        assertTrue(Json.parse(original.join().body()).hasNonNull("accessToken"), "the first request's own answer has it");
        x402.facilitatorControl("reset", "{}");

        String unknown = "no key, replayed while being confirmed";
        String unknownHeader = sign(5, unknown);
        loseTheSettleAnswerForGood();
        assertTrue(Json.parse(post(unknown, unknownHeader, null).body()).hasNonNull("accessToken"));
        replaysGetNoToken(unknown, unknownHeader, null);
    }

    /**
     * Replays the header with another key and with none: the same generation, never the token. With the first
     * request's key (when it had one): the token, which is returned.
     */
    private String replaysGetNoToken(String prompt, String header, String firstKey) throws Exception {
        String id = (String) db.rows("SELECT id FROM generation WHERE prompt = ?", prompt).get(0).get("id");
        for (String key : new String[] {"someone-else-key-0123456789", null}) {
            HttpResponse<String> replay = post(prompt, header, key);
            assertEquals(200, replay.statusCode(), replay.body());
            JsonNode body = Json.parse(replay.body());
            assertEquals(id, body.get("generationId").asText(), replay.body());
            assertTrue(body.get("alreadyPaid").asBoolean(), replay.body());
            assertFalse(body.has("accessToken"), "a replay with key " + key + " while " + paymentStatus(prompt) + ": " + replay.body());
        }
        if (firstKey == null) {
            return null;
        }
        HttpResponse<String> owner = post(prompt, header, firstKey);
        assertEquals(200, owner.statusCode(), owner.body());
        JsonNode body = Json.parse(owner.body());
        assertEquals(id, body.get("generationId").asText());
        assertTrue(body.hasNonNull("accessToken"), "the first request's key gets the token back: " + owner.body());
        return body.get("accessToken").asText();
    }

    /** The settle answer is lost and every later settle refused while valid: the payment stays settle_unknown. */
    private void loseTheSettleAnswerForGood() throws Exception {
        x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"before\"}");
        x402.facilitatorControl("fail-settle", "{\"times\":1000}");
    }

    /** A payment header for this request, signed for the requirement our own 402 offers (what a chain reader rebuilds). */
    private String sign(int payer, String prompt) throws Exception {
        HttpResponse<String> challenge = gateway.post("/api/generate", Json.request(prompt));
        String required = challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
        JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(required))).get("accepts").get(0);
        return x402.sign("--version", "2", "--key", x402.payerKey(payer), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
    }

    private HttpResponse<String> post(String prompt, String header, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(Map.of("PAYMENT-SIGNATURE", header));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        try {
            return gateway.post("/api/generate", Json.request(prompt), headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String paymentStatus(String prompt) throws Exception {
        var rows = db.rows("SELECT payment_status FROM generation WHERE prompt = ?", prompt);
        return rows.isEmpty() ? null : (String) rows.get(0).get("payment_status");
    }
}
