package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The facilitator's capabilities are read, not assumed: what its /supported lists for our network is what the 402
 * offers and what is taken; when it lists nothing of ours, readiness is down with the reason, the 402 offers nothing,
 * and a payment is refused before /verify with nothing charged.
 */
class FacilitatorSupportIsReadTest extends PaidGatewayTest {

    private static final String OTHER_NETWORK_ONLY =
            "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:8453\"},{\"x402Version\":1,\"scheme\":\"exact\",\"network\":\"base\"}]}";
    private static final String V2_ONLY = "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:84532\"}]}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.x402.supported-refresh-ms", "300");
    }

    @AfterEach
    void putTheFacilitatorBack() throws Exception {
        x402.facilitatorControl("reset", "{}");
        Await.until("both versions offered again", Duration.ofSeconds(10), () -> challenge().v1Offered() && challenge().v2Offered());
    }

    @Test
    void atStartBothVersionsItListsAreOfferedAndReadinessIsUp() throws Exception {
        Await.until("/supported read", Duration.ofSeconds(10), () -> x402.facilitatorStats().get("supportedCalls").asInt() >= 1);
        Challenge challenge = challenge();
        assertTrue(challenge.v2Offered() && challenge.v1Offered(), challenge.toString());
        assertEquals("UP", readiness().get("status").asText());
    }

    @Test
    void aFacilitatorWithoutOurNetworkTakesReadinessDownAndNothingIsOfferedOrTaken() throws Exception {
        JsonNode requirement = offeredRequirement();
        x402.facilitatorControl("supported", OTHER_NETWORK_ONLY);

        Await.until("readiness down with the reason", Duration.ofSeconds(10),
                () -> readiness().toString().contains("does not support exact payments on base-sepolia (eip155:84532)"));
        assertEquals("DOWN", readiness().get("status").asText());
        assertTrue(readiness().toString().contains("v2 exact on eip155:8453"), "it says what the facilitator lists: " + readiness());
        Challenge challenge = challenge();
        assertEquals(402, challenge.status());
        assertFalse(challenge.v2Offered() || challenge.v1Offered(), "nothing it cannot settle is offered: " + challenge);

        long rowsBefore = rows(); // another method of this class buys a generation; the order is not fixed
        BigInteger before = x402.balance(x402.payerAddress(4));
        int verifies = x402.facilitatorStats().get("verifyCalls").asInt();
        String header = x402.sign("--version", "2", "--key", x402.payerKey(4), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
        HttpResponse<String> refused = gateway.post("/api/generate", Json.request("a lighthouse in a storm"), Map.of("PAYMENT-SIGNATURE", header));
        assertEquals(402, refused.statusCode(), refused.body());
        assertEquals("invalid_network", Json.parse(refused.body()).get("reason").asText(), refused.body());
        assertEquals(verifies, x402.facilitatorStats().get("verifyCalls").asInt(), "refused before /verify");
        assertEquals(before, x402.balance(x402.payerAddress(4)), "nothing charged");
        assertEquals(rowsBefore, rows(), "nothing written");
    }

    @Test
    void aFacilitatorWithoutV1GetsOnlyTheV2Offer() throws Exception {
        x402.facilitatorControl("supported", V2_ONLY);
        Await.until("the v1 offer withdrawn", Duration.ofSeconds(10), () -> !challenge().v1Offered());
        assertTrue(challenge().v2Offered(), challenge().toString());
        assertEquals("UP", readiness().get("status").asText(), "our network is supported: " + readiness());

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(5), Json.request("a v2 payment"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
    }

    private record Challenge(int status, JsonNode paymentRequired, JsonNode body) {
        boolean v2Offered() {
            return paymentRequired.get("accepts").size() > 0;
        }

        boolean v1Offered() {
            return body.has("accepts") && body.get("accepts").size() > 0;
        }
    }

    private Challenge challenge() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("a lighthouse in a storm"));
        String header = answer.headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
        return new Challenge(answer.statusCode(), Json.parse(new String(Base64.getDecoder().decode(header))), Json.parse(answer.body()));
    }

}
