package dev.videogate.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.payment.X402Payments;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;

/**
 * SQL against the chain, payment by payment: for each paid request the token is asked whether its authorization
 * was used (the same question as the reconciler's, through the chain-call route), and every disagreement is listed:
 * charged but recorded failed (money kept for nothing), recorded settled but never moved, still unconfirmed, and
 * Kie.ai tasks whose payment failed (credits spent on unpaid work).
 */
public class ReconciliationReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final X402Payments payments;

    public ReconciliationReport(X402Payments payments) {
        this.payments = payments;
    }

    public String build(@Body List<Map<String, Object>> rows, Exchange exchange) {
        ObjectNode report = JSON.createObjectNode();
        ArrayNode chargedButFailed = JSON.createArrayNode();
        ArrayNode settledWithoutTransfer = JSON.createArrayNode();
        ArrayNode unconfirmed = JSON.createArrayNode();
        ArrayNode unpaidTasks = JSON.createArrayNode();
        ArrayNode unreadable = JSON.createArrayNode();
        BigInteger settledAtomic = BigInteger.ZERO;
        int settled = 0;
        try (FluentProducerTemplate chain = exchange.getContext().createFluentProducerTemplate()) {
            for (Map<String, Object> row : rows) {
                String status = (String) row.get("payment_status");
                Boolean used;
                try {
                    Exchange answer = chain.to("direct:chain-call").withVariable("unconfirmed", row)
                            .withBody(payments.authorizationStateRequest(row)).send();
                    if (answer.getException() != null) {
                        throw answer.getException();
                    }
                    used = payments.authorizationUsed(answer.getMessage().getBody(String.class),
                            answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
                } catch (Exception e) {
                    unreadable.add(entry(row, "the chain could not be asked: " + e.getMessage()));
                    continue;
                }
                if (used && ("failed".equals(status) || "unpaid".equals(status))) {
                    chargedButFailed.add(entry(row, "the transfer is on chain but the payment is recorded " + status));
                } else if (!used && "settled".equals(status)) {
                    settledWithoutTransfer.add(entry(row, "recorded settled but the authorization was never used"));
                } else if (!"settled".equals(status) && !"failed".equals(status) && !"unpaid".equals(status)) {
                    unconfirmed.add(entry(row, used ? "moved on chain; the reconciler will record it" : "not moved yet"));
                }
                if ("settled".equals(status) && used) {
                    settled++;
                    settledAtomic = settledAtomic.add(new BigInteger(String.valueOf(row.get("amount_atomic"))));
                }
                if (row.get("kie_task_id") != null && ("failed".equals(status) || "unpaid".equals(status)) && !used) {
                    unpaidTasks.add(entry(row, "Kie.ai worked on a task whose payment never moved (credits lost)"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reconciliation report failed", e);
        }
        report.put("payments", rows.size());
        report.put("settled", settled);
        report.put("settledAtomic", settledAtomic.toString());
        report.put("mismatches", chargedButFailed.size() + settledWithoutTransfer.size());
        report.set("chargedButFailed", chargedButFailed);
        report.set("settledWithoutTransfer", settledWithoutTransfer);
        report.set("unconfirmed", unconfirmed);
        report.set("unpaidTasks", unpaidTasks);
        report.set("unreadable", unreadable);
        return report.toString();
    }

    private static ObjectNode entry(Map<String, Object> row, String why) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("generationId", (String) row.get("id"));
        entry.put("payer", (String) row.get("payer"));
        entry.put("paymentStatus", (String) row.get("payment_status"));
        entry.put("paymentTransaction", (String) row.get("payment_tx"));
        entry.put("state", (String) row.get("state"));
        entry.put("amountAtomic", String.valueOf(row.get("amount_atomic")));
        entry.put("why", why);
        return entry;
    }
}
