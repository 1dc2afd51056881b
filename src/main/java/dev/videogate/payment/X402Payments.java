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
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The x402 steps of routes/15-payment.yaml: challenge (402), decode and local check, facilitator verify (the
 * settlement is SettleStep's). The payment headers are read here and never logged.
 */
public class X402Payments {

    private static final Logger LOG = LoggerFactory.getLogger(X402Payments.class);
    /** The x402 reason (and our error code) of a payment the payer's balance no longer covers. */
    static final String INSUFFICIENT_FUNDS = "insufficient_funds";

    private final boolean enabled;
    private final X402Settings settings;
    private final RequirementsBuilder requirements;
    private final String resourceUrl;
    private final Clock clock;
    private final byte[] readTokenKey;
    private volatile dev.videogate.discovery.BazaarDiscovery discovery;

    public X402Payments(boolean enabled, X402Settings settings, String publicBaseUrl, Clock clock, byte[] readTokenKey) {
        this.enabled = enabled;
        this.settings = settings;
        this.requirements = settings == null ? null : new RequirementsBuilder(settings);
        this.resourceUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/generate";
        this.clock = clock;
        this.readTokenKey = readTokenKey;
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
                generation.description(), "application/json");
        String v2 = exchange.getMessage().getHeader(X402Headers.PAYMENT_SIGNATURE, String.class);
        String v1 = exchange.getMessage().getHeader(X402Headers.X_PAYMENT, String.class);
        if (v2 == null && v1 == null) {
            throw unpaid(generation);
        }
        String headerName = v2 != null ? X402Headers.PAYMENT_SIGNATURE : X402Headers.X_PAYMENT;
        try {
            PaymentPayload payload = PaymentPayloadDecoder.decode(headerName, v2 != null ? v2 : v1);
            LocalPaymentCheck.check(payload, ExpectedPayment.of(settings, amount), clock);
            ObjectNode requirement = requirements.requirementFor(payload.x402Version(), resource, amount, "POST");
            String key = PaymentIdentity.of(payload, settings.asset().address()).key();
            return new PaymentContext(payload, requirement, amount, key, settings.network().caip2(), ReadTokens.forPayment(readTokenKey, key));
        } catch (PaymentRejected e) {
            throw challenge(resource, amount, generation, e.reason(), "payment_invalid", e.getMessage());
        }
    }

    /** The x402 Bazaar metadata put in every 402 (set once at start). */
    public void setDiscovery(dev.videogate.discovery.BazaarDiscovery discovery) {
        this.discovery = discovery;
    }

    /** Whether requests must pay (x402 on). */
    public boolean enabled() {
        return enabled;
    }

    /** The 402 for a request that brought no payment: the requirements for exactly this request's price. */
    public ApiException unpaid(Generation generation) {
        BigInteger amount = UsdcAmount.toAtomic(generation.priceUsd().toPlainString());
        ResourceInfo resource = new ResourceInfo(resourceUrl, generation.description(), "application/json");
        return challenge(resource, amount, generation, null, "payment_required", "Payment required: pay with x402 to generate");
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

    /**
     * The payer's balance is already held by its payments in flight (the guarded insert wrote nothing): a 402 with the
     * requirements and the x402 reason insufficient_funds; nothing was charged, no work was started.
     */
    public void refuseHeldBalance(@Variable("payment") PaymentContext payment, @Variable("generation") Generation generation,
                                  @Variable("payerBalance") PayerBalance balance) {
        ResourceInfo resource = new ResourceInfo(resourceUrl, generation.description(), "application/json");
        String held = balance.known()
                ? "the payer's balance (" + UsdcAmount.toUsd(balance.atomic()).toPlainString() + " USDC) does not cover it on top of"
                        + " the payer's payments still being settled"
                : "the chain did not answer the balance read, and the payer already has a payment being settled";
        throw challenge(resource, payment.amount(), generation, INSUFFICIENT_FUNDS, INSUFFICIENT_FUNDS,
                "This payment is refused before any work: " + held + ". Nothing was charged; pay again once they"
                        + " have settled (a payment settled in the last seconds may still count), or with more funds");
    }

    /** The facilitator could not be reached or did not answer in time (verify): a 503, nothing charged. */
    public void verifyUnanswered(Exchange exchange) {
        throw unavailable("verify", notAnswered(exchange));
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

    /** Why the facilitator call that just failed got no answer. */
    private static String notAnswered(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isTimeout(cause) ? "did not answer in time" : "could not be reached";
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

    private ApiException challenge(ResourceInfo resource, BigInteger amount, Generation generation,
                                   String reason, String code, String message) {
        String error = reason == null ? message : reason;
        ObjectNode v2 = requirements.v2PaymentRequired(resource, amount, error);
        ObjectNode extensions = discovery == null ? null : discovery.extensionsFor(generation.model());
        if (extensions != null) {
            v2.set("extensions", extensions); // x402 Bazaar discovery: how to call this resource and what it answers
        }
        ObjectNode body = requirements.offersV1()
                ? requirements.v1PaymentRequired(resource, amount, error, "POST")
                : dev.videogate.x402.X402Json.mapper().createObjectNode();
        body.put("paymentRequired", true);
        body.put("price", generation.priceUsd());
        body.put("model", generation.model());
        body.set("priceBreakdown", generation.priceBreakdownJson());
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
