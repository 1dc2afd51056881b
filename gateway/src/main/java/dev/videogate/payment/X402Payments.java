package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.SafeText;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
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
    private final FacilitatorClient facilitator;
    private final String resourceUrl;
    private final Clock clock;

    public X402Payments(boolean enabled, X402Settings settings, FacilitatorClient facilitator, String publicBaseUrl, Clock clock) {
        this.enabled = enabled;
        this.settings = settings;
        this.requirements = settings == null ? null : new RequirementsBuilder(settings);
        this.facilitator = facilitator;
        this.resourceUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/generate";
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The gate: no payment header -> 402 with the requirements for this exact request; a header -> decoded
     * and checked against our price, payTo, network and asset. Adds the payment columns to the generation.
     */
    public PaymentContext require(Exchange exchange, @Variable("generation") Map<String, Object> generation) {
        generation.put("paymentKey", null);
        generation.put("paymentVersion", null);
        generation.put("payer", null);
        generation.put("amountAtomic", null);
        generation.put("paymentNetwork", null);
        generation.put("readToken", null);
        generation.put("readTokenHash", null);
        if (!enabled) {
            return null;
        }
        BigInteger amount = UsdcAmount.toAtomic(String.valueOf(generation.get("priceUsd")));
        ResourceInfo resource = new ResourceInfo(resourceUrl,
                "AI video generation (" + generation.get("model") + "), " + generation.get("nFrames") + " s", "application/json");
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
            generation.put("paymentKey", key);
            generation.put("paymentVersion", payload.x402Version());
            generation.put("payer", payload.payer().checksummed());
            generation.put("amountAtomic", amount.toString());
            generation.put("paymentNetwork", settings.network().caip2());
            String token = ReadTokens.issue();
            generation.put("readToken", token);
            generation.put("readTokenHash", ReadTokens.hash(token));
            return new PaymentContext(payload, requirement, amount, key);
        } catch (PaymentRejected e) {
            throw challenge(resource, amount, generation, e.reason(), "payment_invalid", e.getMessage());
        }
    }

    /** The facilitator's /verify: only a valid payment goes on to Kie.ai. */
    public void verify(@Variable("payment") PaymentContext payment, @Variable("generation") Map<String, Object> generation) {
        if (payment == null) {
            return;
        }
        VerifyResult result;
        try {
            result = FacilitatorMessages.parseVerify(facilitator.verify(FacilitatorMessages.verifyRequest(payment.payload(), payment.requirement())));
        } catch (FacilitatorResponseException e) {
            throw new ApiException(503, "payment_facilitator_unavailable",
                    "The x402 facilitator gave an unreadable answer to verify; nothing was charged", 5);
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

    /**
     * The facilitator's /settle, once the task exists. Returns the columns to record; never throws for a
     * refused or unanswered settlement (the route records it as unpaid, then answers 402).
     */
    public Map<String, Object> settle(@Variable("payment") PaymentContext payment, @Variable("generation") Map<String, Object> generation) {
        Map<String, Object> outcome = new HashMap<>();
        outcome.put("id", generation.get("id"));
        outcome.put("settled", true);
        if (payment == null) {
            outcome.put("paymentStatus", null);
            return outcome;
        }
        SettleResult result;
        try {
            result = FacilitatorMessages.parseSettle(facilitator.settle(FacilitatorMessages.settleRequest(payment.payload(), payment.requirement())));
        } catch (ApiException | FacilitatorResponseException e) {
            result = new SettleResult(false, Optional.of("settlement_unanswered"), Optional.of(e.getMessage()),
                    "", payment.payload().network().wireName(payment.version()), Optional.of(payment.payload().payer().checksummed()));
        }
        outcome.put("settled", result.success());
        outcome.put("paymentStatus", result.success() ? "settled" : "unpaid");
        outcome.put("transaction", result.transaction() == null || result.transaction().isBlank() ? null : result.transaction());
        outcome.put("paymentError", result.success() ? null : SafeText.code(result.errorReason().orElse(null), "settlement_failed")
                + result.errorMessage().map(m -> ": " + SafeText.of(m, 200)).orElse(""));
        outcome.put("headerName", SettlementHeader.name(payment.version()));
        outcome.put("headerValue", SettlementHeader.encode(result, payment.version()));
        if (!result.success()) {
            LOG.warn("Settlement of {} failed ({}); the generation is marked unpaid and its result will not be released",
                    generation.get("id"), outcome.get("paymentError"));
        }
        return outcome;
    }

    public void addSettlementHeader(Exchange exchange, @Variable("settlement") Map<String, Object> settlement) {
        if (settlement != null && settlement.get("headerName") != null) {
            exchange.getMessage().setHeader((String) settlement.get("headerName"), settlement.get("headerValue"));
        }
    }

    /** After recording an unpaid generation: tell the payer, with the settlement header, that nothing was sold. */
    public void refuseUnsettled(@Variable("settlement") Map<String, Object> settlement) {
        throw new ApiException(402, "payment_not_settled", "The payment could not be settled ("
                + settlement.get("paymentError") + "); the generation was stopped and its result will not be released")
                .withHeader((String) settlement.get("headerName"), (String) settlement.get("headerValue"));
    }

    private ApiException challenge(ResourceInfo resource, BigInteger amount, Map<String, Object> generation,
                                   String reason, String code, String message) {
        String error = reason == null ? message : reason;
        ObjectNode v2 = requirements.v2PaymentRequired(resource, amount, error);
        ObjectNode body = requirements.offersV1()
                ? requirements.v1PaymentRequired(resource, amount, error, "POST")
                : dev.videogate.x402.X402Json.mapper().createObjectNode();
        body.put("paymentRequired", true);
        body.put("price", new BigDecimal(String.valueOf(generation.get("priceUsd"))));
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
