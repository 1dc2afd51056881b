package dev.videogate.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.payment.X402Payments;
import dev.videogate.x402.EvmAddress;
import dev.videogate.x402.PaymentLogs;
import dev.videogate.x402.PaymentOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import org.apache.camel.Variable;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;

/**
 * SQL against the chain, both ways. Payment by payment, the token is asked whether its authorization was used (the
 * reconciler's question, through the chain-call route): charged but recorded failed (money kept for nothing),
 * recorded settled but never moved, still unconfirmed, Kie.ai tasks whose payment failed (credits spent on
 * unpaid work), and refunded generations Kie.ai delivered after all. Transfer by transfer, the token's logs of money reaching payTo over the last app.admin.report-blocks
 * blocks: an x402 authorization no generation holds is money taken with no work recorded for it.
 *
 * <p>Each payment is asked on the chain of the entry it was paid on (app.x402.accepts[i], found by its payment key),
 * and the figures are given per network and token ({@code byNetwork}) as well as in total.
 */
public class ReconciliationReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final X402Payments payments;
    private final long reportBlocks;

    public ReconciliationReport(X402Payments payments, long reportBlocks) {
        this.payments = payments;
        this.reportBlocks = reportBlocks;
    }

    public String build(@Body List<Map<String, Object>> rows, @Variable("knownPayments") List<Map<String, Object>> known,
                        Exchange exchange) {
        ObjectNode report = JSON.createObjectNode();
        ArrayNode chargedButFailed = JSON.createArrayNode();
        ArrayNode settledWithoutTransfer = JSON.createArrayNode();
        ArrayNode unconfirmed = JSON.createArrayNode();
        ArrayNode unpaidTasks = JSON.createArrayNode();
        ArrayNode unreadable = JSON.createArrayNode();
        ArrayNode deliveredAfterRefund = JSON.createArrayNode();
        BigInteger settledAtomic = BigInteger.ZERO;
        int settled = 0;
        Map<PaymentOption, ObjectNode> byNetwork = new LinkedHashMap<>();
        if (payments.options() != null) {
            for (PaymentOption option : payments.options().all()) {
                byNetwork.put(option, figures(option));
            }
        }
        try (FluentProducerTemplate chain = exchange.getContext().createFluentProducerTemplate()) {
            for (Map<String, Object> row : rows) {
                String status = (String) row.get("payment_status");
                if (Boolean.TRUE.equals(row.get("delivered_after_refund"))) {
                    deliveredAfterRefund.add(entry(row, "Kie.ai made the video after the payer was refunded: the refund"
                            + " stands and the video was not released (its credits are spent)"));
                }
                ObjectNode figures = payments.options() == null ? null
                        : payments.options().byPaymentKey((String) row.get("payment_key")).map(byNetwork::get).orElse(null);
                if (figures != null) {
                    figures.put("payments", figures.path("payments").asInt() + 1);
                }
                Boolean used;
                try {
                    PaymentOption option = payments.optionOfRow(row);
                    Exchange answer = chain.to("direct:chain-call").withVariable("unconfirmed", row).withVariable("x402Option", option)
                            .withBody(payments.authorizationStateRequest(row, option)).send();
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
                    BigInteger amount = new BigInteger(String.valueOf(row.get("amount_atomic")));
                    settledAtomic = settledAtomic.add(amount);
                    if (figures != null) {
                        figures.put("settled", figures.path("settled").asInt() + 1);
                        figures.put("settledAtomic", new BigInteger(figures.path("settledAtomic").asText("0")).add(amount).toString());
                    }
                }
                if (row.get("kie_task_id") != null && ("failed".equals(status) || "unpaid".equals(status)) && !used) {
                    unpaidTasks.add(entry(row, "Kie.ai worked on a task whose payment never moved (credits lost)"));
                }
            }
            report.putArray("transfersWithoutGeneration");
            report.putArray("otherTransfersToPayTo");
            for (Map.Entry<PaymentOption, ObjectNode> option : byNetwork.entrySet()) {
                transfersWithoutGeneration(chain, known, option.getKey(), option.getValue(), report, unreadable);
            }
        } catch (Exception e) {
            throw new IllegalStateException("reconciliation report failed", e);
        }
        report.put("payments", rows.size());
        report.put("settled", settled);
        report.put("settledAtomic", settledAtomic.toString());
        report.putArray("byNetwork").addAll(byNetwork.values());
        report.put("mismatches", chargedButFailed.size() + settledWithoutTransfer.size()
                + report.withArray("transfersWithoutGeneration").size());
        report.set("chargedButFailed", chargedButFailed);
        report.set("settledWithoutTransfer", settledWithoutTransfer);
        report.set("unconfirmed", unconfirmed);
        report.set("unpaidTasks", unpaidTasks);
        report.set("deliveredAfterRefund", deliveredAfterRefund);
        report.set("unreadable", unreadable);
        return report.toString();
    }

    /** One entry's figures, filled in as its payments are read. */
    private static ObjectNode figures(PaymentOption option) {
        ObjectNode figures = JSON.createObjectNode();
        figures.put("network", option.network().caip2());
        figures.put("asset", option.asset().address().checksummed());
        figures.put("assetName", option.asset().eip712Name());
        figures.put("payTo", option.settings().payTo().checksummed());
        figures.put("payments", 0);
        figures.put("settled", 0);
        figures.put("settledAtomic", "0");
        return figures;
    }

    /** Every transfer to the entry's payTo in its chain's last reportBlocks blocks whose authorization no generation holds. */
    private void transfersWithoutGeneration(FluentProducerTemplate chain, List<Map<String, Object>> known, PaymentOption option,
                                            ObjectNode figures, ObjectNode report, ArrayNode unreadable) {
        ArrayNode orphans = report.withArray("transfersWithoutGeneration");
        ArrayNode others = report.withArray("otherTransfersToPayTo");
        if (option.rpcUrl() == null) {
            unreadable.add(JSON.createObjectNode().put("network", option.network().caip2())
                    .put("why", "no RPC for " + option + ": its transfers cannot be read"));
            return;
        }
        Set<String> held = new HashSet<>();
        for (Map<String, Object> row : known == null ? List.<Map<String, Object>>of() : known) {
            held.add(row.get("payer") + ":" + row.get("nonce"));
        }
        try {
            long latest = PaymentLogs.blockNumber(ask(chain, option, PaymentLogs.blockNumberRequest()));
            long from = Math.max(0, latest - reportBlocks);
            EvmAddress token = option.asset().address();
            List<PaymentLogs.IncomingTransfer> transfers = PaymentLogs.join(
                    ask(chain, option, PaymentLogs.transfersRequest(token, option.settings().payTo(), from, latest)),
                    ask(chain, option, PaymentLogs.authorizationsRequest(token, from, latest)));
            figures.put("transfersChecked", transfers.size());
            figures.put("fromBlock", from);
            figures.put("toBlock", latest);
            if (!report.has("fromBlock")) { // the first entry's, as before there were several
                report.put("fromBlock", from);
                report.put("toBlock", latest);
            }
            report.put("transfersChecked", report.path("transfersChecked").asInt() + transfers.size());
            for (PaymentLogs.IncomingTransfer transfer : transfers) {
                ObjectNode entry = JSON.createObjectNode();
                entry.put("network", option.network().caip2());
                entry.put("transaction", transfer.transaction());
                entry.put("block", transfer.block());
                entry.put("from", transfer.from());
                entry.put("amountAtomic", transfer.value().toString());
                if (transfer.nonce() == null) {
                    entry.put("why", "a plain transfer to payTo, not an x402 payment");
                    others.add(entry);
                } else if (!held.contains(transfer.authorizer() + ":" + transfer.nonce())) {
                    entry.put("nonce", transfer.nonce());
                    entry.put("why", "an x402 payment to payTo that no generation holds: money taken with no work recorded");
                    orphans.add(entry);
                }
            }
        } catch (Exception e) {
            unreadable.add(JSON.createObjectNode().put("network", option.network().caip2())
                    .put("why", "the token's transfer logs could not be read: " + e.getMessage()));
        }
    }

    private static String ask(FluentProducerTemplate chain, PaymentOption option, String request) throws Exception {
        Exchange answer = chain.to("direct:chain-call").withVariable("x402Option", option).withBody(request).send();
        if (answer.getException() != null) {
            throw answer.getException();
        }
        return answer.getMessage().getBody(String.class);
    }

    private static ObjectNode entry(Map<String, Object> row, String why) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("generationId", (String) row.get("id"));
        entry.put("network", (String) row.get("payment_network"));
        entry.put("payer", (String) row.get("payer"));
        entry.put("paymentStatus", (String) row.get("payment_status"));
        entry.put("paymentTransaction", (String) row.get("payment_tx"));
        entry.put("state", (String) row.get("state"));
        entry.put("amountAtomic", String.valueOf(row.get("amount_atomic")));
        entry.put("why", why);
        return entry;
    }
}
