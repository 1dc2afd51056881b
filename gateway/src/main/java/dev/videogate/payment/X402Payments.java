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
import dev.videogate.x402.ExpectedPayment;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The x402 steps of routes/15-payment.yaml: challenge (402), decode and local check, facilitator verify,
 * and settlement once the Kie.ai task exists. The payment headers are read here and never logged.
 */
public class X402Payments {

    private static final Logger LOG = LoggerFactory.getLogger(X402Payments.class);

    private final boolean enabled;
    private final X402Settings settings;
    private final RequirementsBuilder requirements;
    private final String resourceUrl;
    private final Clock clock;

    public X402Payments(boolean enabled, X402Settings settings, String publicBaseUrl, Clock clock) {
        this.enabled = enabled;
        this.settings = settings;
        this.requirements = settings == null ? null : new RequirementsBuilder(settings);
        this.resourceUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/generate";
        this.clock = clock;
    }

    /**
     * The gate: no payment header -> 402 with the requirements for this exact request; a header -> decoded and
     * checked against our price, payTo, network and asset. Returns the payment (null when payment is off).
     */
    public PaymentContext require(Exchange exchange, @Variable("generation") Generation generation) {
        if (!enabled) {
            return null;
        }
        BigInteger amount = UsdcAmount.toAtomic(generation.priceUsd().toPlainString());
        ResourceInfo resource = new ResourceInfo(resourceUrl,
                "AI video generation (" + generation.model() + "), " + generation.nFrames() + " s", "application/json");
        String v2 = exchange.getMessage().getHeader(X402Headers.PAYMENT_SIGNATURE, String.class);
        String v1 = exchange.getMessage().getHeader(X402Headers.X_PAYMENT, String.class);
        if (v2 == null && v1 == null) {
            throw challenge(resource, amount, generation, null, "payment_required", "Payment required: pay with x402 to generate");
        }
        String headerName = v2 != null ? X402Headers.PAYMENT_SIGNATURE : X402Headers.X_PAYMENT;
        try {
            PaymentPayload payload = PaymentPayloadDecoder.decode(headerName, v2 != null ? v2 : v1);
            LocalPaymentCheck.check(payload, ExpectedPayment.of(settings, amount), clock);
            ObjectNode requirement = requirements.requirementFor(payload.x402Version(), resource, amount, "POST");
            String key = PaymentIdentity.of(payload, settings.asset().address()).key();
            return new PaymentContext(payload, requirement, amount, key, settings.network().caip2(), ReadTokens.issue());
        } catch (PaymentRejected e) {
            throw challenge(resource, amount, generation, e.reason(), "payment_invalid", e.getMessage());
        }
    }

    /** The body of the facilitator's POST /verify for this payment. */
    public String verifyRequest(@Variable("payment") PaymentContext payment) {
        return FacilitatorMessages.verifyRequest(payment.payload(), payment.requirement()).toString();
    }

    /**
     * The facilitator's answer to /verify: valid, and the flow goes on to Kie.ai; refused, a 402 with its reason;
     * failing or unreadable, a 503 (nothing was charged, no work started).
     */
    public void requireValid(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                             @Variable("payment") PaymentContext payment, @Variable("generation") Generation generation) {
        if (facilitatorFailed(status)) {
            throw unavailable("verify", "answered HTTP " + status);
        }
        VerifyResult result;
        try {
            result = FacilitatorMessages.parseVerify(answer);
        } catch (FacilitatorResponseException e) {
            throw unavailable("verify", "gave an unreadable answer");
        }
        if (!result.isValid()) {
            // the facilitator's words may quote the payment: only a reason code and a redacted message go on
            String reason = SafeText.code(result.invalidReason().orElse(null), "invalid_payment");
            ResourceInfo resource = new ResourceInfo(resourceUrl, "AI video generation", "application/json");
            throw challenge(resource, payment.amount(), generation, reason, "payment_invalid",
                    "The facilitator refused the payment: " + reason
                            + result.invalidMessage().map(m -> " (" + SafeText.of(m, 200) + ")").orElse(""));
        }
    }

    /** The facilitator could not be reached or did not answer in time (verify): a 503, nothing charged. */
    public void verifyUnanswered(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        throw unavailable("verify", isTimeout(cause) ? "did not answer in time" : "could not be reached");
    }

    /** The body of the facilitator's POST /settle for this payment. */
    public String settleRequest(@Variable("payment") PaymentContext payment) {
        return FacilitatorMessages.settleRequest(payment.payload(), payment.requirement()).toString();
    }

    /**
     * The facilitator's answer to /settle, as the columns to record. Never throws for a refused settlement: the
     * route records it as unpaid, then answers 402.
     */
    public Settlement settled(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                                       @Variable("payment") PaymentContext payment, @Variable("generation") Generation generation) {
        SettleResult result;
        try {
            if (facilitatorFailed(status)) {
                throw new FacilitatorResponseException("the facilitator answered HTTP " + status + " (settle)");
            }
            result = FacilitatorMessages.parseSettle(answer);
        } catch (FacilitatorResponseException e) {
            result = unanswered(payment, e.getMessage());
        }
        return outcome(result, payment, generation);
    }

    /** The facilitator could not be reached or did not answer in time (settle): recorded as not settled. */
    public Settlement settleUnanswered(Exchange exchange, @Variable("payment") PaymentContext payment,
                                                @Variable("generation") Generation generation) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return outcome(unanswered(payment, "the facilitator " + (isTimeout(cause) ? "did not answer in time" : "could not be reached")
                + " (settle)"), payment, generation);
    }

    private static SettleResult unanswered(PaymentContext payment, String what) {
        return new SettleResult(false, Optional.of("settlement_unanswered"), Optional.of(what),
                "", payment.payload().network().wireName(payment.version()), Optional.of(payment.payload().payer().checksummed()));
    }

    private static Settlement outcome(SettleResult result, PaymentContext payment, Generation generation) {
        Settlement settlement = new Settlement(generation.generationId(), result.success(),
                result.transaction() == null || result.transaction().isBlank() ? null : result.transaction(),
                result.success() ? null : SafeText.code(result.errorReason().orElse(null), "settlement_failed")
                        + result.errorMessage().map(m -> ": " + SafeText.of(m, 200)).orElse(""),
                SettlementHeader.name(payment.version()), SettlementHeader.encode(result, payment.version()));
        if (!result.success()) {
            LOG.warn("Settlement of {} failed ({}); the generation is marked unpaid and its result will not be released",
                    generation.generationId(), settlement.paymentError());
        }
        return settlement;
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

    public void addSettlementHeader(Exchange exchange, @Variable("settlement") Settlement settlement) {
        if (settlement != null) {
            exchange.getMessage().setHeader(settlement.headerName(), settlement.headerValue());
        }
    }

    /** After recording an unpaid generation: tell the payer, with the settlement header, that nothing was sold. */
    public void refuseUnsettled(@Variable("settlement") Settlement settlement) {
        throw new ApiException(402, "payment_not_settled", "The payment could not be settled ("
                + settlement.paymentError() + "); the generation was stopped and its result will not be released")
                .withHeader(settlement.headerName(), settlement.headerValue());
    }

    private ApiException challenge(ResourceInfo resource, BigInteger amount, Generation generation,
                                   String reason, String code, String message) {
        String error = reason == null ? message : reason;
        ObjectNode v2 = requirements.v2PaymentRequired(resource, amount, error);
        ObjectNode body = requirements.offersV1()
                ? requirements.v1PaymentRequired(resource, amount, error, "POST")
                : dev.videogate.x402.X402Json.mapper().createObjectNode();
        body.put("paymentRequired", true);
        body.put("price", generation.priceUsd());
        body.put("success", false);
        body.put("code", code);
        body.put("message", message);
        if (reason != null) {
            body.put("reason", reason);
        }
        return new ApiException(402, code, message).withBody(body)
                .withHeader(X402Headers.PAYMENT_REQUIRED, RequirementsBuilder.encodeHeader(v2));
    }
}
