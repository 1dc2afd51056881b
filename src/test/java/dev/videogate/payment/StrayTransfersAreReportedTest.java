package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report reads the token's own logs of money reaching payTo: a payment settled past the bundle (so no generation
 * holds it) is listed as a mismatch, while the bundle's own payments and plain transfers are not.
 */
class StrayTransfersAreReportedTest extends PaidGatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> settings() {
        return AdminApi.SETTINGS;
    }

    @Test
    void aTransferNoGenerationHoldsIsAMismatch() throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(1), Json.request("an honest purchase"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        JsonNode clean = report();
        assertEquals(0, clean.get("mismatches").asInt(), clean.toString());
        assertTrue(clean.get("transfersChecked").asInt() >= 1, "the bundle's own transfer was read and matched: " + clean);

        // a signed payment for our payTo, settled straight through the facilitator: money in, no generation
        HttpResponse<String> challenge = gateway.post("/api/generate", Json.request("never asked for"));
        JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(
                challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()), StandardCharsets.UTF_8)).get("accepts").get(0);
        String header = x402.sign("--version", "2", "--key", x402.payerKey(2), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
        JsonNode payload = Json.parse(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
        String settle = "{\"x402Version\":2,\"paymentPayload\":" + payload + ",\"paymentRequirements\":" + requirement + "}";
        HttpResponse<String> settled = http.send(HttpRequest.newBuilder(URI.create(x402.facilitatorUrl() + "/settle"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(settle)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(Json.parse(settled.body()).path("success").asBoolean(), settled.body());

        JsonNode report = report();
        assertEquals(1, report.get("mismatches").asInt(), report.toString());
        JsonNode stray = report.get("transfersWithoutGeneration").get(0);
        assertEquals(payload.at("/payload/authorization/nonce").asText().toLowerCase(), stray.get("nonce").asText());
        assertEquals("3500000", stray.get("amountAtomic").asText());
        assertEquals(x402.payerAddress(2).toLowerCase(), stray.get("from").asText());
    }

    private JsonNode report() throws Exception {
        HttpResponse<String> answer = AdminApi.call(gateway, "GET", "/api/admin/reconciliation", AdminApi.TOKEN, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
