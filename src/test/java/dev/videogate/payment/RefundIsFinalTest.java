package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * We gave a paid generation up, the operator refunded the payer, and then Kie.ai made the video after all. The refund
 * is final: the generation stays failed and the video is not released (the payer has its money back), and the late
 * success is booked, visibly: "delivered after refund" on the refund ledger and in the reconciliation report.
 */
class RefundIsFinalTest extends PaidGatewayTest {

    private static final String ADMIN = AdminApi.TOKEN;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(AdminApi.SETTINGS);
        settings.putAll(Map.of("app.poll.interval-ms", "100", "app.poll.grace-ms", "100",
                "app.poll.backoff-base-ms", "100", "app.poll.backoff-max-ms", "200", "app.poll.max-errors", "3"));
        return settings;
    }

    @Test
    void aLateSuccessAfterARefundIsBookedNotDelivered() throws Exception {
        kie.failNextRecordInfo(3, 500, 500, "upstream exploded"); // exactly max-errors: the give-up, then Kie.ai answers again
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0),
                Json.request("refunded, then made after all [sim:no-callback][sim:slow:2500]"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        String id = paid.get("body").get("generationId").asText();
        String taskId = paid.get("body").get("kieTaskId").asText();
        String token = paid.get("body").get("accessToken").asText();
        Await.until("given up", Duration.ofSeconds(10), () -> "failed".equals(row(id).get("state")));
        assertEquals("status_unavailable", row(id).get("fail_code"));

        String refundTx = "0x" + "cd".repeat(32);
        HttpResponse<String> refunded = admin("POST", "/api/admin/refunds/" + id, "{\"refundTx\":\"" + refundTx + "\"}");
        assertEquals(200, refunded.statusCode(), refunded.body());

        Await.until("Kie.ai finished the task", Duration.ofSeconds(10), () -> kie.task(taskId).state().equals("success"));
        int reads = kie.recordInfoCalls(taskId);
        assertEquals(200, kie.resendCallback(taskId).get().intValue(), "acknowledged");
        assertEquals(reads + 1, kie.recordInfoCalls(taskId), "the callback was confirmed with recordInfo");

        Map<String, Object> row = row(id);
        assertEquals("failed", row.get("state"), "a refunded generation is never delivered");
        assertEquals(refundTx, row.get("refund_tx"));
        assertNotNull(row.get("delivered_after_refund_at"), "the late success is booked");
        HttpResponse<String> read = gateway.get("/api/generate/" + id, Map.of("Authorization", "Bearer " + token));
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("failed", Json.parse(read.body()).get("state").asText(), read.body());
        assertFalse(read.body().contains(".mp4"), "the video is not released: " + read.body());

        // the operator sees it without asking for refunded entries, and in the reconciliation report
        JsonNode ledger = Json.parse(admin("GET", "/api/admin/refunds", null).body());
        JsonNode entry = entryFor(ledger.get("refunds"), id);
        assertNotNull(entry, ledger.toString());
        assertEquals(refundTx, entry.get("refundTx").asText());
        assertTrue(entry.get("deliveredAfterRefundAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), entry.toString());
        assertEquals("30", entry.get("creditsAfterRefund").asText(), "the credits the late video cost: " + entry);
        assertTrue(ledger.get("deliveredAfterRefund").asInt() >= 1, ledger.toString());
        assertEquals("0", ledger.get("owedAtomic").asText(), "nothing more is owed: " + ledger);
        JsonNode report = Json.parse(admin("GET", "/api/admin/reconciliation", null).body());
        assertNotNull(entryFor(report.get("deliveredAfterRefund"), id), report.toString());
        assertEquals(0, report.get("mismatches").asInt(), report.toString());

        // booked once: a repeated callback has nothing left to learn and costs no recordInfo
        assertEquals(200, kie.resendCallback(taskId).get().intValue());
        assertEquals(reads + 1, kie.recordInfoCalls(taskId));
        assertEquals("failed", row(id).get("state"));
    }

    private Map<String, Object> row(String id) throws Exception {
        return db.rows("SELECT * FROM generation WHERE id = ?", id).get(0);
    }

    private static JsonNode entryFor(JsonNode entries, String id) {
        for (JsonNode entry : entries) {
            if (entry.get("generationId").asText().equals(id)) {
                return entry;
            }
        }
        return null;
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return AdminApi.call(gateway, method, path, ADMIN, body);
    }
}
