package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.CdpTestKeys;
import dev.videogate.support.CdpTestKeys.TestKey;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.logging.SecretMask;
import dev.videogate.support.LogCapture;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * app.x402.facilitator=cdp against the CDP stand-in (the official local facilitator behind a JWT check that knows
 * only the key's public half, under CDP's path /platform/v2/x402): a paid request goes through end to end with a new
 * JWT per call; when the stand-in refuses our token (expired by its clock, or signed by a key it does not know) the
 * payer gets 503 payment_facilitator_unavailable, nothing is written, started or charged, and readiness says why.
 */
class CdpFacilitatorTest extends PaidGatewayTest {

    private static final TestKey KEY = CdpTestKeys.ed25519();

    @Override
    protected LocalX402Network network() throws Exception {
        return LocalX402Network.start("--cdp-key-id", KEY.id(), "--cdp-public-key", KEY.publicSpki());
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.x402.facilitator", "cdp", "app.x402.cdp-api-key-id", KEY.id(),
                "app.x402.cdp-api-key-secret", KEY.secret(), "app.x402.supported-refresh-ms", "500");
    }

    @AfterEach
    void putTheStandInBack() throws Exception {
        x402.facilitatorControl("reset", "{}");
    }

    @Test
    void aPaidRequestGoesThroughWithANewJwtPerCall() throws Exception {
        BigInteger payerBefore = x402.balance(x402.payerAddress(0));
        int tasksBefore = kie.createTaskCalls();

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("a heron at dawn"));

        assertEquals(200, paid.get("status").asInt(), paid.toString());
        assertTrue(paid.get("paymentResponse").get("success").asBoolean(), paid.toString());
        assertEquals(payerBefore.subtract(PRICE), x402.balance(x402.payerAddress(0)), "paid once");
        assertEquals(tasksBefore + 1, kie.createTaskCalls());
        JsonNode stats = x402.facilitatorStats();
        assertEquals(1, stats.get("verifyCalls").asInt(), stats.toString());
        assertEquals(1, stats.get("settleCalls").asInt(), stats.toString());
        // every call of ours, /supported included, passed the check: none was refused (a reused nonce would be)
        Await.until("/supported read with a token of its own", Duration.ofSeconds(10),
                () -> x402.facilitatorStats().get("supportedCalls").asInt() >= 2);
        assertEquals(0, x402.facilitatorStats().get("unauthorized").asInt(), x402.facilitatorStats().toString());
        assertEquals("UP", readiness().get("status").asText());
    }

    @Test
    void anExpiredTokenIsA503AndNothingIsCharged() throws Exception {
        // the stand-in's clock runs 3 minutes ahead: our 120 s token is expired when it arrives
        x402.facilitatorControl("cdp", "{\"clockSkewSeconds\":180}");
        refusedWithNothingCharged(1, "expired");
    }

    @Test
    void aTokenOfAKeyTheFacilitatorDoesNotKnowIsA503AndReadinessSaysWhy() throws Exception {
        TestKey other = CdpTestKeys.ed25519();
        x402.facilitatorControl("cdp", "{\"keyId\":\"" + KEY.id() + "\",\"publicKeySpki\":\"" + other.publicSpki() + "\"}");
        refusedWithNothingCharged(2, "bad_signature");
        Await.until("readiness down: our credentials are refused", Duration.ofSeconds(10),
                () -> readiness().toString().contains("refuses our credentials"));
        assertEquals("DOWN", readiness().get("status").asText());

        x402.facilitatorControl("reset", "{}");
        Await.until("readiness up again once /supported takes our token", Duration.ofSeconds(10),
                () -> "UP".equals(readiness().get("status").asText()));
    }

    @Test
    void theSecretAndTheTokensStayOutOfTheLogs() throws Exception {
        String token = new dev.videogate.x402.CdpJwt(dev.videogate.x402.CdpApiKey.parse(KEY.id(), KEY.secret()),
                java.time.Clock.systemUTC()).token("POST", "api.cdp.coinbase.com", "/platform/v2/x402/verify");
        String bundleLogs;
        String logs;
        try (LogCapture capture = LogCapture.open()) {
            x402.facilitatorControl("cdp", "{\"clockSkewSeconds\":180}");
            x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(3), Json.request("a quiet heron"));
            bundleLogs = capture.text();
            // whoever logs them (a library, an exception message), the key's secret and a CDP token are masked by the
            // pass every log event goes through before it is written (SecretMaskingPolicy)
            LoggerFactory.getLogger("dev.videogate.test").warn("secret {} header Authorization: Bearer {} and {}",
                    KEY.secret(), token, token);
            logs = SecretMask.apply(capture.text());
        }
        assertTrue(bundleLogs.contains("payment_facilitator_unavailable"), bundleLogs);
        assertFalse(bundleLogs.contains(KEY.secret()) || bundleLogs.contains("Bearer ey"), "the bundle logs no secret or token: " + bundleLogs);
        assertTrue(logs.contains("secret ***"), logs);
        assertFalse(logs.contains(KEY.secret()), "the CDP key's secret");
        assertFalse(logs.contains(token.substring(0, 40)), "a CDP token");
        assertFalse(logs.contains(token.substring(token.lastIndexOf('.'))), "a CDP token's signature");
    }

    private void refusedWithNothingCharged(int payer, String reason) throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(payer));
        long rowsBefore = rows();
        int tasksBefore = kie.createTaskCalls();

        JsonNode answer = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(payer), Json.request("a refused heron"));

        assertEquals(503, answer.get("status").asInt(), answer.toString());
        assertEquals("payment_facilitator_unavailable", answer.get("body").get("error").asText(), answer.toString());
        assertEquals(before, x402.balance(x402.payerAddress(payer)), "nothing charged");
        assertEquals(rowsBefore, rows(), "nothing written");
        assertEquals(tasksBefore, kie.createTaskCalls(), "no task");
        JsonNode stats = x402.facilitatorStats();
        assertTrue(stats.get("cdpRefusals").path(reason).asInt() >= 1, stats.toString());
        assertEquals(0, stats.get("verifyCalls").asInt(), "refused before the facilitator: " + stats);
        assertEquals(0, stats.get("settleCalls").asInt(), stats.toString());
    }

}
