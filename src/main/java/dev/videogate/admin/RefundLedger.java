package dev.videogate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.SafeText;
import dev.videogate.api.NotFound;
import dev.videogate.api.RowJson;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The operator's ledgers (JSON, or CSV for a spreadsheet): refunds owed for paid work that failed (and refunded work
 * Kie.ai delivered after all), and Kie.ai credits lost on work nobody paid for; and the refund an operator records.
 */
public class RefundLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("generation_id", "payer", "amount_atomic", "network", "payment_transaction",
            "fail_code", "fail_msg", "failed_at", "refund_tx", "refunded_at", "delivered_after_refund_at", "credits_after_refund");
    private static final List<String> LOST_COLUMNS = List.of("generation_id", "kie_task_id", "model", "kie_model", "credits_consumed",
            "payer", "amount_atomic", "network", "payment_error", "state", "task_created_at");

    /** JSON by default; CSV with ?format=csv or Accept: text/csv. Sets Content-Type. */
    public String render(@Body List<Map<String, Object>> rows, @Header("format") String format, @Header("Accept") String accept,
                         Exchange exchange) {
        return wantsCsv(format, accept, exchange) ? csv(COLUMNS, rows) : json(rows);
    }

    /** Lost credits (view lost_credits): JSON by default, CSV like the refunds. Sets Content-Type. */
    public String renderLostCredits(@Body List<Map<String, Object>> rows, @Header("format") String format,
                                    @Header("Accept") String accept, Exchange exchange) {
        if (wantsCsv(format, accept, exchange)) {
            return csv(LOST_COLUMNS, rows);
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode lost = body.putArray("lostCredits");
        long credits = 0;
        for (Map<String, Object> row : rows) {
            ObjectNode entry = lost.addObject();
            RowJson.put(entry, row, LOST_COLUMNS);
            credits += row.get("credits_consumed") == null ? 0 : ((Number) row.get("credits_consumed")).longValue();
        }
        body.put("count", rows.size());
        body.put("creditsConsumed", credits);
        return body.toString();
    }

    /** CSV with ?format=csv or Accept: text/csv, else JSON; sets variable contentType for the route. */
    private static boolean wantsCsv(String format, String accept, Exchange exchange) {
        boolean csv = "csv".equalsIgnoreCase(format) || accept != null && accept.toLowerCase().contains("text/csv");
        exchange.setVariable("contentType", csv ? "text/csv; charset=utf-8" : "application/json");
        return csv;
    }

    /** The refund transaction from {"refundTx":"0x…"} (a 32-byte transaction hash). */
    public String refundTx(@Body String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest("invalid_json", "The body must be {\"refundTx\":\"0x…\"}");
        }
        if (root != null && root.isObject()) {
            // as on every JSON body we take: a field we do not know is refused, never silently dropped
            for (java.util.Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("refundTx")) {
                    throw ApiException.badRequest("invalid_field", "Unknown field '" + SafeText.of(name, 40) + "'; the body is {\"refundTx\":\"0x…\"}");
                }
            }
        }
        String tx = root == null ? "" : root.path("refundTx").asText("");
        if (!tx.matches("0x[0-9a-fA-F]{64}")) {
            throw ApiException.badRequest("invalid_field", "refundTx must be a transaction hash (0x + 64 hex)");
        }
        return tx.toLowerCase();
    }

    public void notInLedger(@Header("generationId") String id) {
        throw new NotFound("not_in_ledger", "No refund is owed for this generation (not paid and failed, or already refunded)");
    }

    private static String json(List<Map<String, Object>> rows) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode refunds = body.putArray("refunds");
        BigInteger owed = BigInteger.ZERO;
        int deliveredAfterRefund = 0;
        for (Map<String, Object> row : rows) {
            ObjectNode entry = refunds.addObject();
            RowJson.put(entry, row, COLUMNS);
            if (row.get("refund_tx") == null && row.get("amount_atomic") != null) {
                owed = owed.add(new BigInteger(row.get("amount_atomic").toString()));
            }
            if (row.get("delivered_after_refund_at") != null) {
                deliveredAfterRefund++;
            }
        }
        body.put("count", rows.size());
        body.put("owedAtomic", owed.toString());
        // refunded, and then Kie.ai made the video after all: not released, but the work was done for a refunded payment
        body.put("deliveredAfterRefund", deliveredAfterRefund);
        return body.toString();
    }

    private static String csv(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> row : rows) {
            out.append(String.join(",", columns.stream().map(c -> cell(row.get(c))).toList())).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a failure message as a formula. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches("[A-Za-z0-9_.:\\-' ]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
