package dev.videogate.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every model's 402 carries x402 v2 Bazaar discovery metadata that the official package (@x402/extensions) reads
 * as valid: how to call (method, JSON body and its schema from the catalog) and what comes back.
 */
class DiscoveryMetadataTest extends PaidGatewayTest {

    @Test
    void everyChallengeIsDiscoverable() throws Exception {
        for (JsonNode model : Json.parse(gateway.get("/api/models").body()).get("models")) {
            String name = model.get("model").asText();
            String options = name.contains("image-to-video") ? ",\"options\":{\"image_urls\":[\"https://93.184.216.34/a.png\"]}" : "";
            HttpResponse<String> challenge = gateway.post("/api/generate", "{\"model\":\"" + name + "\",\"prompt\":\"A kite\"" + options + "}");
            assertEquals(402, challenge.statusCode(), name + ": " + challenge.body());
            JsonNode read = x402.discovery(challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow());
            assertTrue(read.get("valid").asBoolean(), name + ": " + read);
            assertEquals("POST", read.at("/info/input/method").asText(), read.toString());
            assertEquals(name, read.at("/info/input/body/model").asText(), read.toString());
        }
    }

    @Test
    void theOfficialClientStillPaysWithTheExtensionPresent() throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("discoverable and paid"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
    }
}
