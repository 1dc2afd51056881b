package dev.videogate.payment;

import dev.videogate.http.JsonAnswers;
import dev.videogate.logging.GenerationIdInLogs;
import dev.videogate.x402.ResponseHeader;
import dev.videogate.x402.SettleAnswer;
import dev.videogate.x402.SettleRules;
import dev.videogate.x402.SettleVerdict;
import dev.videogate.x402.SettlementHeader;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * The Camel side of a settlement (bean "settleStep"): binds the exchange to the settle rules of
 * {@link SettleRules} and back. Every decision on the verdict is a {@code choice} in the routes
 * (routes/15-payment.yaml settle-payment and payment-settle, routes/45-payment-reconciler.yaml settle-again).
 */
public class SettleStep {

    /** The facilitator answered /settle (variable generationId: the generation the payment bought). */
    public Settlement answered(@Body String body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                               @Variable(GenerationIdInLogs.VARIABLE) String generationId) {
        return new Settlement(generationId, SettleRules.verdict(SettleAnswer.answered(status, body)));
    }

    /** The facilitator could not be reached or did not answer in time: the outcome is unknown. */
    public Settlement unanswered(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
                                 @Variable(GenerationIdInLogs.VARIABLE) String generationId) {
        return new Settlement(generationId, SettleRules.verdict(SettleAnswer.noAnswer(failure)));
    }

    /** A refusal heard on a second settle, taken as unknown: the chain decides next round. */
    public Settlement refusedOnSecondSettle(@Variable("settlement") Settlement settlement) {
        return new Settlement(settlement.generationId(),
                SettleRules.refusedOnSecondSettle((SettleVerdict.Refused) settlement.verdict()));
    }

    /** The PAYMENT-RESPONSE (v2) / X-PAYMENT-RESPONSE (v1) header for the payer, or null while the outcome is unknown. */
    public ResponseHeader header(@Variable("settlement") Settlement settlement, @Variable("payment") PaymentContext payment) {
        return SettlementHeader.forVerdict(settlement.verdict(), payment.payload()).orElse(null);
    }

    /** The JSON error of a refused settlement (402 payment_not_settled): nothing was charged, nothing is released. */
    public String notSettled(@Variable("settlement") Settlement settlement) {
        return JsonAnswers.errorBody("payment_not_settled", "The facilitator refused to settle the payment ("
                + settlement.reason() + "); nothing was charged, and the result of this generation will not be released")
                .toString();
    }
}
