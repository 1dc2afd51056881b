package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import dev.videogate.x402.SettleResult;
import dev.videogate.x402.SettlementHeader;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verify, create the task, settle: a failed step after verify never keeps money for work not done. */
class MoneyRulesTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.x402.facilitator-timeout-ms", "1500");
    }

    @Test
    void failedCreateTaskIsNeverSettled() throws Exception {
        kie.failNextCreates(1, 500, 500, "Server error");
        int settlesBefore = x402.facilitatorStats().get("settleCalls").asInt();
        BigInteger before = x402.balance(x402.payerAddress(0));

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("create fails"));

        assertEquals(502, paid.get("status").asInt(), paid.toString());
        assertEquals("upstream_error", paid.get("body").get("error").asText());
        assertEquals(settlesBefore, x402.facilitatorStats().get("settleCalls").asInt(), "no settlement");
        assertEquals(before, x402.balance(x402.payerAddress(0)), "nothing charged");
        assertEquals(0, db.count("SELECT count(*) FROM generation WHERE prompt = 'create fails'"));
    }

    @Test
    void failedSettlementMarksTheGenerationUnpaidAndWithholdsTheResult() throws Exception {
        x402.facilitatorControl("fail-settle", "{\"times\":1}");
        BigInteger before = x402.balance(x402.payerAddress(1));

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(1), Json.request("settle fails"));

        assertEquals(402, paid.get("status").asInt(), paid.toString());
        assertEquals("payment_not_settled", paid.get("body").get("error").asText(), paid.toString());
        // the facilitator's answer is passed on: PAYMENT-RESPONSE says nothing was settled, in no transaction
        SettleResult told = SettlementHeader.decode(paid.get("headers").path("payment-response").asText());
        assertEquals(false, told.success(), paid.toString());
        assertEquals("settlement_failed", told.errorReason().orElse(null));
        assertEquals("", told.transaction());
        assertEquals(x402.payerAddress(1).toLowerCase(), told.payer().orElseThrow().toLowerCase());
        assertEquals(before, x402.balance(x402.payerAddress(1)), "nothing charged");
        Map<String, Object> row = db.rows("SELECT id, payment_status FROM generation WHERE prompt = 'settle fails'").get(0);
        assertEquals("failed", row.get("payment_status"), "the facilitator refused: nothing moved");
        // the task runs on at Kie.ai, but its result is never released
        db.execute("UPDATE generation SET read_token_hash = NULL WHERE id = '" + row.get("id") + "'");
        var read = gateway.get("/api/generate/" + row.get("id") + "?poll=true");
        assertEquals(402, read.statusCode(), read.body());
        assertTrue(!read.body().contains(".mp4"), read.body());
    }

    @Test
    void slowFacilitatorIs503WithNoTaskAndNoCharge() throws Exception {
        x402.facilitatorControl("delay", "{\"verifyMs\":4000,\"settleMs\":0}");
        try {
            int tasks = kie.createTaskCalls();
            BigInteger before = x402.balance(x402.payerAddress(2));
            JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(2), Json.request("slow facilitator"));
            assertEquals(503, paid.get("status").asInt(), paid.toString());
            assertEquals("payment_facilitator_unavailable", paid.get("body").get("error").asText());
            assertEquals(tasks, kie.createTaskCalls());
            assertEquals(before, x402.balance(x402.payerAddress(2)));
        } finally {
            x402.facilitatorControl("reset", "{}");
        }
    }
}
