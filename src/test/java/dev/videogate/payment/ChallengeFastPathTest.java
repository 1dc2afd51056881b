package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 402 for a request without payment is answered on the event loop, ahead of the route: it must be the very
 * answer the route's payment gate gives (same status, PAYMENT-REQUIRED and body), refuse bad requests the same way,
 * and write or call nothing.
 */
class ChallengeFastPathTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.models.wan-2.6.enabled", "false");
    }

    @Test
    void theChallengeIsTheRoutesOwn() throws Exception {
        String request = "{\"model\":\"kling-2.6\",\"prompt\":\"A quiet harbour\",\"options\":{\"duration\":\"10\"}}";
        HttpResponse<String> fast = gateway.post("/api/generate", request);
        // an Idempotency-Key sends the same request through the route's payment gate
        HttpResponse<String> route = gateway.post("/api/generate", request, Map.of("Idempotency-Key", "challenge-compare-0123456789"));
        assertEquals(402, fast.statusCode());
        assertEquals(402, route.statusCode());
        assertEquals(route.headers().firstValue("PAYMENT-REQUIRED").orElseThrow(), fast.headers().firstValue("PAYMENT-REQUIRED").orElseThrow());
        assertEquals(Json.parse(route.body()), Json.parse(fast.body()));
        assertEquals(fast.body(), gateway.post("/api/generate", request).body(), "the same bytes every time");
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    @Test
    void badRequestsAreRefusedAsTheRouteWould() throws Exception {
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
