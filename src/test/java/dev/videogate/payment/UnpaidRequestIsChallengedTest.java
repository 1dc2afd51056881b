package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request without payment runs the route and gets the payment gate's 402 (route payment-answer-402): the
 * requirements for exactly what was asked (PAYMENT-REQUIRED and body), the same bytes every time for one price (but
 * for the sign-in-with-x challenge's fresh nonce and times), the
 * same with or without an Idempotency-Key; a request the catalog does not take is refused as step 1 refuses it, with
 * no payment asked; nothing is written and nothing upstream is called.
 */
class UnpaidRequestIsChallengedTest extends PaidGatewayTest {

    private static final String KLING_10S = "{\"model\":\"kling-2.6\",\"prompt\":\"A quiet harbour\",\"options\":{\"duration\":\"10\"}}";
    private static final String KLING_5S = "{\"model\":\"kling-2.6\",\"prompt\":\"A quiet harbour\",\"options\":{\"duration\":\"5\"}}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.models.wan-2.6.enabled", "false");
    }

    @Test
    void theChallengeAsksForExactlyThisRequestsPrice() throws Exception {
        HttpResponse<String> ten = gateway.post("/api/generate", KLING_10S);
        HttpResponse<String> five = gateway.post("/api/generate", KLING_5S);
        for (HttpResponse<String> challenge : java.util.List.of(ten, five)) {
            assertEquals(402, challenge.statusCode(), challenge.body());
            assertEquals("application/json", challenge.headers().firstValue("Content-Type").orElse(""));
            JsonNode body = Json.parse(challenge.body());
            assertEquals("payment_required", body.get("code").asText(), challenge.body());
            assertTrue(body.get("paymentRequired").asBoolean(), challenge.body());
            assertEquals("kling-2.6", body.get("model").asText());
            JsonNode required = Json.parse(new String(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow())));
            JsonNode accepts = required.get("accepts").get(0);
            assertEquals(body.get("price").decimalValue().movePointRight(6).toBigIntegerExact().toString(), accepts.get("amount").asText(),
                    "the header asks for the body's price: " + required);
            assertTrue(required.get("resource").get("description").asText().contains("kling-2.6"), required.toString());
        }
        assertNotEquals(Json.parse(ten.body()).get("price"), Json.parse(five.body()).get("price"), "10 s costs more than 5 s");
        assertNotEquals(ten.headers().firstValue("PAYMENT-REQUIRED"), five.headers().firstValue("PAYMENT-REQUIRED"));
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    @Test
    void theSameRequestGetsTheSameBytesWithOrWithoutAnIdempotencyKey() throws Exception {
        HttpResponse<String> first = gateway.post("/api/generate", KLING_10S);
        HttpResponse<String> keyed = gateway.post("/api/generate", KLING_10S, Map.of("Idempotency-Key", "challenge-compare-0123456789"));
        HttpResponse<String> again = gateway.post("/api/generate", KLING_10S);
        for (HttpResponse<String> answer : java.util.List.of(keyed, again)) {
            assertEquals(402, answer.statusCode(), answer.body());
            // the same header but for the sign-in-with-x challenge's nonce and times, fresh in every 402
            assertEquals(withoutFreshSignIn(first), withoutFreshSignIn(answer));
            assertNotEquals(signInNonce(first), signInNonce(answer), "a fresh sign-in nonce per 402");
            assertEquals(first.body(), answer.body(), "the same bytes every time");
        }
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    private static JsonNode paymentRequired(HttpResponse<String> answer) {
        return Json.parse(new String(Base64.getDecoder().decode(answer.headers().firstValue("PAYMENT-REQUIRED").orElseThrow())));
    }

    private static String signInNonce(HttpResponse<String> answer) {
        return paymentRequired(answer).get("extensions").get("sign-in-with-x").get("info").get("nonce").asText();
    }

    private static JsonNode withoutFreshSignIn(HttpResponse<String> answer) {
        JsonNode required = paymentRequired(answer);
        ((com.fasterxml.jackson.databind.node.ObjectNode) required.get("extensions").get("sign-in-with-x").get("info"))
                .remove(java.util.List.of("nonce", "issuedAt", "expirationTime"));
        return required;
    }

    @Test
    void badRequestsAreRefusedBeforeAnyPaymentIsAsked() throws Exception {
        expect("{\"model\":\"sora-9\",\"prompt\":\"x\"}", 400, "unknown_model");
        expect("{not json", 400, "invalid_json");
        expect("{\"model\":\"kling-2.6\",\"prompt\":\"x\",\"options\":{\"duration\":\"7\"}}", 400, "invalid_field");
        expect("{\"model\":\"kling-2.6\"}", 400, "missing_field");
        HttpResponse<String> disabled = expect("{\"model\":\"wan-2.6\",\"prompt\":\"x\"}", 503, "model_unavailable");
        assertTrue(disabled.headers().firstValue("Retry-After").isPresent());
        assertTrue(Json.parse(disabled.body()).get("alternatives").size() > 0, disabled.body());
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    private HttpResponse<String> expect(String body, int status, String code) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(status, answer.statusCode(), answer.body());
        JsonNode error = Json.parse(answer.body());
        assertEquals(code, error.get("error").asText(), answer.body());
        assertFalse(answer.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "no payment asked for a refused request");
        return answer;
    }
}
