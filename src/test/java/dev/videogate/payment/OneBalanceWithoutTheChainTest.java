package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network.Payer;
import dev.videogate.support.PaidGatewayTest;
import dev.videogate.support.TestSettings;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * When the chain's RPC does not answer the balance read, the payer's balance is taken to be what /verify has just
 * found covered (the payment's own amount): a payer then has one payment in flight at a time. A rich payer's burst
 * buys one generation and the rest are refused with 402 before any work, never a task nobody pays for.
 */
class OneBalanceWithoutTheChainTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        try {
            // nothing listens there: the balance read fails at once (the reconciler is not needed here)
            return Map.of("app.x402.rpc-url", "http://127.0.0.1:" + TestSettings.freePort(), "app.x402.balance-lag-ms", "300");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBurstBuysOneGenerationAtATime() throws Exception {
        Payer payer = x402.fund(PRICE.multiply(BigInteger.TEN));
        // settlement held long enough that the whole burst meets the first payment's hold, even when a loaded machine
        // sends its requests a second or more apart
        x402.facilitatorControl("delay", "{\"verifyMs\":0,\"settleMs\":5000}");
        int tasks = kie.createTaskCalls();
        List<JsonNode> answers;
        try {
            answers = x402.payAtOnce("v2", gateway.url("/api/generate"), payer.key(), Json.request("three at once"), 3);
        } finally {
            x402.facilitatorControl("reset", "{}");
        }

        Map<String, Integer> outcomes = new TreeMap<>();
        answers.forEach(a -> outcomes.merge(a.path("status").asInt() + " " + a.path("body").path("error").asText(""), 1, Integer::sum));
        assertEquals(Map.of("200 ", 1, "402 insufficient_funds", 2), outcomes, outcomes + " " + answers.stream().map(a -> a.at("/body/message").asText()).toList());
        answers.stream().filter(a -> a.path("status").asInt() == 402).forEach(a ->
                assertTrue(a.at("/body/message").asText().contains("the chain did not answer"), a.toString()));
        assertEquals(tasks + 1, kie.createTaskCalls());
        assertEquals(PRICE.multiply(BigInteger.valueOf(9)), x402.balance(payer.address()));

        // once it has settled, the next one is bought
        Thread.sleep(400);
        JsonNode next = x402.pay("v2", gateway.url("/api/generate"), payer.key(), Json.request("the next one"));
        assertEquals(200, next.path("status").asInt(), next.toString());
        assertEquals(tasks + 2, kie.createTaskCalls());
    }
}
