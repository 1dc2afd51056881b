package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.SafeText;
import dev.videogate.generation.Generation;
import dev.videogate.x402.FacilitatorMessages;
import dev.videogate.x402.FacilitatorResponseException;
import dev.videogate.x402.LocalPaymentCheck;
import dev.videogate.x402.PaymentIdentity;
import dev.videogate.x402.PaymentPayload;
import dev.videogate.x402.PaymentPayloadDecoder;
import dev.videogate.x402.PaymentRejected;
import dev.videogate.x402.RequirementsBuilder;
import dev.videogate.x402.ResourceInfo;
import dev.videogate.x402.SettleResult;
import dev.videogate.x402.SettlementHeader;
import dev.videogate.x402.UsdcAmount;
import dev.videogate.x402.VerifyResult;
import dev.videogate.x402.X402Headers;
import dev.videogate.x402.X402Settings;
import dev.videogate.x402.AuthorizationStateCall;
import dev.videogate.x402.EvmAddress;
import dev.videogate.x402.ExpectedPayment;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The x402 settlement steps of routes/15-payment.yaml, once the Kie.ai task exists (the gate before it, challenge,
 * local check and verify, is {@link PaymentGateStep}). The payment headers are read here and never logged.
 */
public class X402Payments {

    private static final Logger LOG = LoggerFactory.getLogger(X402Payments.class);

    private final boolean enabled;
    private final X402Settings settings;
    private final RequirementsBuilder requirements;
    private final String resourceUrl;
    private final Clock clock;
    private final byte[] readTokenKey;

    public X402Payments(boolean enabled, X402Settings settings, String publicBaseUrl, Clock clock, byte[] readTokenKey) {
        this.enabled = enabled;
        this.settings = settings;
        this.requirements = settings == null ? null : new RequirementsBuilder(settings);
        this.resourceUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/generate";
        this.clock = clock;
        this.readTokenKey = readTokenKey;
    }

    /** Whether requests must pay (x402 on). */
    public boolean enabled() {
        return enabled;
    }

    /** The body of the facilitator's POST /settle for this payment. */
    public String settleRequest(@Variable("payment") PaymentContext payment) {
        return payment.settleRequest();
    }

    /**
     * The facilitator's answer to /settle, as the columns to record. Never throws: a refusal is "failed" (no money
     * moved; the route answers 402), and no usable answer is "settle_unknown" (the money may have moved; the
     * reconciler finds out, and the payer is told the payment is being confirmed, never that nothing was charged).
     */
    public Settlement settled(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                              @Variable("payment") PaymentContext payment, @Variable("generation") Generation generation) {
        return withHeader(settlementOf(answer, status, generation.generationId()), payment);
    }

    /** The facilitator could not be reached or did not answer in time (settle): the outcome is unknown. */
    public Settlement settleUnanswered(Exchange exchange, @Variable("payment") PaymentContext payment,
                                       @Variable("generation") Generation generation) {
        return unknown(generation.generationId(), unansweredReason(exchange));
    }

    /**
     * The reconciler's second /settle of an unconfirmed payment (variable unconfirmed: its row). Only success is
     * taken as it is: a refusal may mean the first settle is landing right now, so the chain decides next round.
     */
    public Settlement resettled(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                                @Variable("unconfirmed") Map<String, Object> row) {
        Settlement settlement = settlementOf(answer, status, (String) row.get("id"));
        return settlement.settled() || settlement.unknown() ? settlement
                : unknown(settlement.generationId(), "the second settle was refused (" + settlement.paymentError() + ")");
    }

    public Settlement resettleUnanswered(Exchange exchange, @Variable("unconfirmed") Map<String, Object> row) {
        return unknown((String) row.get("id"), unansweredReason(exchange));
    }

    /** The eth_call that asks the token whether the unconfirmed row's authorization was used. */
    public String authorizationStateRequest(@Variable("unconfirmed") Map<String, Object> row) {
        if (settings == null) {
            throw new IllegalStateException("x402 payment is off: there is no chain to ask");
        }
        return AuthorizationStateCall.request(settings.asset().address(), EvmAddress.parse((String) row.get("payer")),
                (String) row.get("payment_nonce"));
    }

    /** The payment settings (token, payTo), or null when x402 is off. */
    public X402Settings settings() {
        return settings;
    }

    public boolean authorizationUsed(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        if (status != null && status >= 300) {
            throw new FacilitatorResponseException("the chain's RPC answered HTTP " + status);
        }
        return AuthorizationStateCall.used(answer);
    }

    private Settlement settlementOf(String answer, Integer status, String generationId) {
        if (facilitatorFailed(status)) {
            return unknown(generationId, "the facilitator answered HTTP " + status + " (settle)");
        }
        SettleResult result;
        try {
            result = FacilitatorMessages.parseSettle(answer);
        } catch (FacilitatorResponseException e) {
            return unknown(generationId, "the facilitator's settle answer was unreadable");
        }
        if (result.success()) {
            LOG.info("Settlement of {}: settled in transaction {}", generationId, result.transaction());
            return new Settlement(generationId, Settlement.SETTLED, blankToNull(result.transaction()), null, null, null);
        }
        String error = SafeText.code(result.errorReason().orElse(null), "settlement_failed")
                + result.errorMessage().map(m -> ": " + SafeText.of(m, 200)).orElse("");
        LOG.warn("Settlement of {} refused ({}); nothing was charged, its result is withheld", generationId, error);
        return new Settlement(generationId, Settlement.FAILED, null, error, null, null);
    }

    private static Settlement unknown(String generationId, String why) {
        LOG.warn("Settlement of {} has no answer ({}); the payment is being confirmed with the chain", generationId, why);
        return new Settlement(generationId, Settlement.UNKNOWN, null, "settlement_unanswered: " + why, null, null);
    }

    /** The PAYMENT-RESPONSE / X-PAYMENT-RESPONSE header, when the facilitator gave an answer to pass on. */
    private static Settlement withHeader(Settlement settlement, PaymentContext payment) {
        if (settlement.unknown()) {
            return settlement;
        }
        SettleResult result = new SettleResult(settlement.settled(), Optional.ofNullable(settlement.failed() ? "settlement_failed" : null),
                Optional.empty(), settlement.transaction() == null ? "" : settlement.transaction(),
                payment.payload().network().wireName(payment.version()), Optional.of(payment.payer()));
        return new Settlement(settlement.generationId(), settlement.paymentStatus(), settlement.transaction(), settlement.paymentError(),
                SettlementHeader.name(payment.version()), SettlementHeader.encode(result, payment.version()));
    }

    private static String unansweredReason(Exchange exchange) {
        return "the facilitator " + notAnswered(exchange) + " (settle)";
    }

    /** Why the facilitator call that just failed got no answer. */
    private static String notAnswered(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isTimeout(cause) ? "did not answer in time" : "could not be reached";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** 5xx, or the facilitator refusing our credentials: its service, not the payment, is the problem. */
    private static boolean facilitatorFailed(Integer status) {
        return status == null || status >= 500 || status == 401 || status == 403;
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static ApiException unavailable(String operation, String what) {
        return new ApiException(503, "payment_facilitator_unavailable",
                "The x402 facilitator " + what + " (" + operation + "); nothing was charged and no work was started, try again", 5);
    }

    /**
     * The end of a paid answer: the settlement header when the facilitator settled; 202 while the payment is
     * being confirmed (the body says so and carries the ids and the access token).
     */
    public void settlementAnswer(Exchange exchange, @Variable("settlement") Settlement settlement) {
        if (settlement == null) {
            return;
        }
        if (settlement.headerName() != null) {
            exchange.getMessage().setHeader(settlement.headerName(), settlement.headerValue());
        }
        if (settlement.unknown()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        }
    }

    /** After recording a refused settlement: tell the payer, with the settlement header, that nothing was sold. */
    public void refuseUnsettled(@Variable("settlement") Settlement settlement) {
        ApiException refusal = new ApiException(402, "payment_not_settled", "The facilitator refused to settle the payment ("
                + settlement.paymentError() + "); nothing was charged, and the result of this generation will not be released");
        if (settlement.headerName() != null) {
            refusal.withHeader(settlement.headerName(), settlement.headerValue());
        }
        throw refusal;
    }
}
