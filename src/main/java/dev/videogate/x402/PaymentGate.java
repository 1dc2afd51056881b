package dev.videogate.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.SafeText;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Objects;

/**
 * The x402 payment gate, with no framework in it: values in, verdicts out. The route's adapter
 * ({@code payment/PaymentGateStep}) hands it the two payment header values and what this request costs, and
 * branches on what comes back; the same for the facilitator's answer to /verify. Nothing here throws for a payment
 * that is merely wrong: that is a verdict.
 */
public final class PaymentGate {

    private static final GateVerdict CHALLENGE = new GateVerdict.Challenge();
    private static final VerifyVerdict VALID = new VerifyVerdict.Valid();

    private final PaymentOptions options;
    private final Clock clock;

    /** A gate offering every kind configured (the facilitator's /supported not consulted). */
    public PaymentGate(X402Settings settings, Clock clock) {
        this(settings, new FacilitatorSupport(settings.network()), clock);
    }

    /** A gate of one network, offering and taking only what the facilitator's /supported lists for it. */
    public PaymentGate(X402Settings settings, FacilitatorSupport support, Clock clock) {
        this(PaymentOptions.single(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(support, "support"), clock), clock);
    }

    /** A gate of every configured entry, each offered as its own facilitator's /supported says. */
    public PaymentGate(PaymentOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a request costing {@code atomicAmount} must be paid with on the first entry (its network, token and payTo). */
    public ExpectedPayment expected(BigInteger atomicAmount) {
        return options.first().expected(atomicAmount);
    }

    /** The payment headers of one request costing {@code atomicAmount}: see {@link #check(String, String, ExpectedPayment, ResourceInfo)}. */
    public GateVerdict check(String paymentSignature, String xPayment, BigInteger atomicAmount, ResourceInfo resource) {
        return check(paymentSignature, xPayment, options.first().expected(atomicAmount), resource);
    }

    /**
     * The payment headers of one request against what it must pay.
     *
     * @param paymentSignature the PAYMENT-SIGNATURE value (x402 v2), or null
     * @param xPayment         the X-PAYMENT value (x402 v1), or null; when both are sent, v2 is read
     * @param expected         the amount and the validity bounds; the network, token and payTo are those of the entry the
     *                         payment chose (PaymentOptions#chosenBy)
     * @return challenge (no header), refused (the header does not decode, is for no entry we offer, or does not pay for
     *         exactly this), or payment (decoded and checked, with its entry and the requirement to verify it against)
     */
    public GateVerdict check(String paymentSignature, String xPayment, ExpectedPayment expected, ResourceInfo resource) {
        if (paymentSignature == null && xPayment == null) {
            return CHALLENGE;
        }
        String headerName = paymentSignature != null ? X402Headers.PAYMENT_SIGNATURE : X402Headers.X_PAYMENT;
        try {
            PaymentPayload payload = PaymentPayloadDecoder.decode(headerName, paymentSignature != null ? paymentSignature : xPayment);
            PaymentOption option = options.chosenBy(payload);
            ExpectedPayment onOption = option.expected(expected.amount());
            ExpectedPayment wanted = new ExpectedPayment(onOption.network(), onOption.asset(), onOption.payTo(), expected.amount(),
                    expected.minValiditySeconds(), expected.maxValiditySeconds());
            LocalPaymentCheck.check(payload, wanted, clock);
            if (!option.requirements().offers(payload.x402Version())) {
                throw new PaymentRejected(RejectionReasons.INVALID_NETWORK, "The facilitator does not support x402 v"
                        + payload.x402Version() + " exact payments on " + option.network() + " now; pay as the 402 offers");
            }
            ObjectNode requirement = option.requirements().requirementFor(payload.x402Version(), resource, expected.amount(), "POST");
            return new GateVerdict.Payment(payload, requirement, PaymentIdentity.of(payload, wanted.asset()).key(), option);
        } catch (PaymentRejected e) {
            return new GateVerdict.Refused(new Refusal(e.reason(), Refusal.PAYMENT_INVALID, e.getMessage()));
        }
    }

    /** The first entry's facilitator answered /verify: see {@link #verified(Integer, String, PaymentOption)}. */
    public VerifyVerdict verified(Integer status, String answer) {
        return verified(status, answer, options.first());
    }

    /**
     * The answer of the entry's facilitator to /verify: valid; refused with its reason (its words may quote the payment: only a
     * reason code and a redacted message go on); or unavailable when it failed (5xx, refused our credentials, no
     * status) or said nothing we can read: then it is its service, not the payment, that is the problem.
     */
    public VerifyVerdict verified(Integer status, String answer, PaymentOption option) {
        FacilitatorSupport support = option.support();
        if (status != null && (status == 401 || status == 403)) {
            support.refused("/verify", status);
        } else if (status != null && status >= 200 && status <= 299) {
            support.accepted();
        }
        if (FacilitatorMessages.serviceFailed(status)) {
            return new VerifyVerdict.Unavailable("answered HTTP " + status);
        }
        VerifyResult result;
        try {
            result = FacilitatorMessages.parseVerify(answer);
        } catch (FacilitatorResponseException e) {
            return new VerifyVerdict.Unavailable("gave an unreadable answer");
        }
        if (result.isValid()) {
            return VALID;
        }
        String reason = SafeText.code(result.invalidReason().orElse(null), "invalid_payment");
        return new VerifyVerdict.Refused(new Refusal(reason, Refusal.PAYMENT_INVALID, "The facilitator refused the payment: " + reason
                + result.invalidMessage().map(m -> " (" + SafeText.of(m, 200) + ")").orElse("")));
    }

    /** The first entry's requirements. */
    public RequirementsBuilder requirements() {
        return options.first().requirements();
    }

    /** The first entry's settings. */
    public X402Settings settings() {
        return options.first().settings();
    }

    /** Every entry, and what the 402s offer of them. */
    public PaymentOptions options() {
        return options;
    }
}
