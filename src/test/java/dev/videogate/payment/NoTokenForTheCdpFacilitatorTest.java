package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.CdpTestKeys;
import dev.videogate.support.CdpTestKeys.TestKey;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway left on app.x402.facilitator=plain in front of a facilitator that wants CDP tokens sends none: every
 * call is refused (401, reason missing), the payer gets 503 payment_facilitator_unavailable with nothing written,
 * started or charged, and readiness is down saying our credentials are refused.
 */
class NoTokenForTheCdpFacilitatorTest extends PaidGatewayTest {

    private static final TestKey KEY = CdpTestKeys.ec();

    @Override
    protected LocalX402Network network() throws Exception {
        return LocalX402Network.start("--cdp-key-id", KEY.id(), "--cdp-public-key", KEY.publicSpki());
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.x402.supported-refresh-ms", "500");
    }

    @Test
    void aCallWithoutATokenIsRefusedAndNothingIsCharged() throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(0));
        int tasks = kie.createTaskCalls();

        JsonNode answer = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("an unsigned call"));

        assertEquals(503, answer.get("status").asInt(), answer.toString());
        assertEquals("payment_facilitator_unavailable", answer.get("body").get("error").asText(), answer.toString());
        assertEquals(before, x402.balance(x402.payerAddress(0)), "nothing charged");
        assertEquals(0, rows(), "nothing written");
        assertEquals(tasks, kie.createTaskCalls(), "no task");
        JsonNode stats = x402.facilitatorStats();
        assertTrue(stats.get("cdpRefusals").path("missing").asInt() >= 2, "/supported and /verify refused: " + stats);
        assertEquals(0, stats.get("verifyCalls").asInt(), stats.toString());

        Await.until("readiness down: our credentials are refused", Duration.ofSeconds(10),
                () -> readiness().toString().contains("refuses our credentials"));
        assertEquals("DOWN", readiness().get("status").asText());
    }

}
