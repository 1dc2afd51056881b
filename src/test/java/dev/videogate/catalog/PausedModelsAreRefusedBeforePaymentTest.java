package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kie.ai answers "temporarily paused" for a model (as it does for every Sora 2 model today). The payer who hit it is
 * not charged; every later caller is refused with 503 before any payment is asked, told which models it can buy
 * instead, and GET /api/models shows the model paused.
 */
class PausedModelsAreRefusedBeforePaymentTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.models.pause-ms", "600000");
    }

    @Test
    void oncePausedTheNextCallersArePaidNothingAndPointedElsewhere() throws Exception {
        kie.pauseModel("sora-2-text-to-video");
        try {
            BigInteger before = x402.balance(x402.payerAddress(1));
            JsonNode first = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(1), Json.request("A paused parade"));
            assertEquals(503, first.get("status").asInt(), first.toString());
            assertEquals("model_paused", first.get("body").get("error").asText());
            assertTrue(first.get("body").path("alternatives").toString().contains("kling-2.6"),
                    "the first caller, refused by Kie.ai itself, is told what to buy instead too: " + first);
            assertEquals(before, x402.balance(x402.payerAddress(1)), "the first caller paid nothing");
            int creates = kie.createTaskCalls();

            HttpResponse<String> next = gateway.post("/api/generate", Json.request("Another paused parade"));
            assertEquals(503, next.statusCode(), "refused before the 402: " + next.body());
            assertFalse(next.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "no payment is asked for a paused model");
            JsonNode error = Json.parse(next.body());
            assertEquals("model_paused", error.get("error").asText());
            assertTrue(next.headers().firstValue("Retry-After").isPresent());
            assertTrue(error.get("alternatives").size() >= 4, error.toString());
            assertTrue(error.get("alternatives").toString().contains("kling-2.6"), error.toString());
            assertFalse(error.get("alternatives").toString().contains("\"sora-2\""), "not itself");
            assertEquals(creates, kie.createTaskCalls(), "Kie.ai is not asked again");

            JsonNode listed = null;
            for (JsonNode model : Json.parse(gateway.get("/api/models").body()).get("models")) {
                if (model.get("model").asText().equals("sora-2")) {
                    listed = model;
                }
            }
            assertEquals("paused", listed.get("state").asText(), listed.toString());
            assertTrue(listed.has("pausedUntil"));

            HttpResponse<String> other = gateway.post("/api/generate", "{\"model\":\"kling-2.6\",\"prompt\":\"Still on sale\"}");
            assertEquals(402, other.statusCode(), "other models are still sold: " + other.body());
        } finally {
            kie.resumeModel("sora-2-text-to-video");
        }
    }
}
