package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A paid generation that Kie.ai failed is owed back: it is on the refund ledger until the refund is recorded. */
class RefundLedgerTest extends PaidGatewayTest {

    private static final String ADMIN = AdminApi.TOKEN;

    @Override
    protected Map<String, String> settings() {
        return AdminApi.SETTINGS;
    }

    @Test
    void aPaidFailureIsOwedUntilRefunded() throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(5), Json.request("refused scene [sim:fail:content policy]"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        String id = paid.get("body").get("generationId").asText();
        String paymentTx = paid.get("paymentResponse").get("transaction").asText();
        Await.until("Kie.ai failed it", Duration.ofSeconds(15),
                () -> "failed".equals(db.rows("SELECT state FROM generation WHERE id = ?", id).get(0).get("state")));

        JsonNode ledger = Json.parse(admin("GET", "/api/admin/refunds", ADMIN, null).body());
        JsonNode entry = entryFor(ledger, id);
        assertEquals(x402.payerAddress(5).toLowerCase(), entry.get("payer").asText().toLowerCase());
        assertEquals("3500000", entry.get("amountAtomic").asText());
        assertEquals("eip155:84532", entry.get("network").asText());
        assertEquals(paymentTx, entry.get("paymentTransaction").asText());
        assertTrue(entry.get("failMsg").asText().contains("content policy"), entry.toString());
        assertTrue(entry.get("failedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), entry.toString());
        assertTrue(ledger.get("owedAtomic").asLong() >= 3_500_000);

        HttpResponse<String> csv = admin("GET", "/api/admin/refunds?format=csv", ADMIN, null);
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        assertTrue(csv.body().startsWith("generation_id,payer,amount_atomic,"), csv.body());
        assertTrue(csv.body().contains(id + ","), csv.body());

        String refundTx = "0x" + "ab".repeat(32);
        assertEquals(400, admin("POST", "/api/admin/refunds/" + id, ADMIN, "{\"refundTx\":\"soon\"}").statusCode());
        HttpResponse<String> marked = admin("POST", "/api/admin/refunds/" + id, ADMIN, "{\"refundTx\":\"" + refundTx + "\"}");
        assertEquals(200, marked.statusCode(), marked.body());
        assertEquals(404, admin("POST", "/api/admin/refunds/" + id, ADMIN, "{\"refundTx\":\"" + refundTx + "\"}").statusCode(),
                "refunded once");
        assertTrue(entryFor(Json.parse(admin("GET", "/api/admin/refunds", ADMIN, null).body()), id) == null, "no longer owed");
        assertEquals(refundTx, entryFor(Json.parse(admin("GET", "/api/admin/refunds?all=true", ADMIN, null).body()), id).get("refundTx").asText());
    }

    @Test
    void creditsSpentOnUnpaidWorkAreBookedAsLost() throws Exception {
        x402.facilitatorControl("fail-settle", "{\"times\":1}");
        try {
            JsonNode refused = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(3), Json.request("started, never paid"));
            assertEquals(402, refused.get("status").asInt(), refused.toString());
        } finally {
            x402.facilitatorControl("reset", "{}");
        }
        Map<String, Object> row = db.rows("SELECT id, kie_task_id FROM generation WHERE prompt = 'started, never paid'").get(0);

        JsonNode lost = Json.parse(admin("GET", "/api/admin/lost-credits", ADMIN, null).body());
        JsonNode entry = null;
        for (JsonNode e : lost.get("lostCredits")) {
            if (e.get("generationId").asText().equals(row.get("id"))) {
                entry = e;
            }
        }
        assertTrue(entry != null, lost.toString());
        assertEquals(row.get("kie_task_id"), entry.get("kieTaskId").asText());
        assertFalse(entry.get("paymentError").isNull(), "says why it was not paid: " + entry);
        assertTrue(entryFor(Json.parse(admin("GET", "/api/admin/refunds", ADMIN, null).body()), (String) row.get("id")) == null,
                "nothing was charged, so nothing is owed");
        HttpResponse<String> csv = admin("GET", "/api/admin/lost-credits?format=csv", ADMIN, null);
        assertTrue(csv.body().startsWith("generation_id,kie_task_id,"), csv.body());
        assertEquals(401, admin("GET", "/api/admin/lost-credits", null, null).statusCode());
    }

    @Test
    void theReconciliationReportFindsEveryDisagreementWithTheChain() throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(4), Json.request("reconciled scene"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        String id = paid.get("body").get("generationId").asText();

        JsonNode clean = Json.parse(admin("GET", "/api/admin/reconciliation", ADMIN, null).body());
        assertEquals(0, clean.get("mismatches").asInt(), clean.toString());
        assertTrue(clean.get("settled").asInt() >= 1, clean.toString());

        // the database says failed, the chain says the money moved: money kept for nothing, and the report says so. No
        // statement of the bundle can write that (settled is final: state_transition), so the row is forced, with the
        // triggers off for this one session
        forcePaymentStatus(id, "failed");
        try {
            JsonNode report = Json.parse(admin("GET", "/api/admin/reconciliation", ADMIN, null).body());
            assertEquals(1, report.get("mismatches").asInt(), report.toString());
            assertEquals(id, report.get("chargedButFailed").get(0).get("generationId").asText());
        } finally {
            forcePaymentStatus(id, "settled");
        }
        assertEquals(401, admin("GET", "/api/admin/reconciliation", null, null).statusCode());
    }

    private void forcePaymentStatus(String id, String status) throws Exception {
        db.execute("SET session_replication_role = replica; UPDATE generation SET payment_status = '" + status + "' WHERE id = '" + id + "'");
    }

    @Test
    void onlyTheAdminTokenOpensTheLedger() throws Exception {
        for (String token : new String[] {null, "wrong-token-wrong-token-wrong", ADMIN + "x"}) {
            HttpResponse<String> answer = admin("GET", "/api/admin/refunds", token, null);
            assertEquals(401, answer.statusCode(), answer.body());
            assertEquals("admin_token_required", Json.parse(answer.body()).get("error").asText());
        }
    }

    private static JsonNode entryFor(JsonNode ledger, String id) {
        for (JsonNode entry : ledger.get("refunds")) {
            if (entry.get("generationId").asText().equals(id)) {
                return entry;
            }
        }
        return null;
    }

    private HttpResponse<String> admin(String method, String path, String token, String body) throws Exception {
        return AdminApi.call(gateway, method, path, token, body);
    }
}
