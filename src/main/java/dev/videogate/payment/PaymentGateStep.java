package dev.videogate.payment;

import dev.videogate.api.ApiException;
import dev.videogate.generation.Generation;
import dev.videogate.x402.FacilitatorMessages;
import dev.videogate.x402.GateVerdict;
import dev.videogate.x402.PaymentGate;
import dev.videogate.x402.Refusal;
import dev.videogate.x402.ResourceInfo;
import dev.videogate.x402.UsdcAmount;
import dev.videogate.x402.VerifyVerdict;
import dev.videogate.x402.X402Headers;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.Variable;

/**
 * The steps of the route payment-gate (routes/15-payment.yaml), bound to the exchange: each one hands values to
 * the Camel-free {@link PaymentGate} and gives back its verdict, which the route branches on; or renders a 402 the
 * route's branch chose. The payment headers are read here and never logged.
 */
public class PaymentGateStep {

    private static final GateVerdict FREE = new GateVerdict.Free();

    private final PaymentGate gate;
    private final ChallengeAnswers answers;
    private final String resourceUrl;
    private final byte[] readTokenKey;

    /** @param gate the x402 gate, or null when payment is off (every request is then free) */
    public PaymentGateStep(PaymentGate gate, ChallengeAnswers answers, String resourceUrl, byte[] readTokenKey) {
        this.gate = gate;
        this.answers = answers;
        this.resourceUrl = resourceUrl;
        this.readTokenKey = readTokenKey;
    }

    /** The verdict's kind (free, challenge, refused, payment): what the gate's choice branches on. */
    public String kind(@Variable("gate") GateVerdict verdict) {
        return verdict.kind();
    }

    /**
     * The verdict on this request's payment headers (kept as variables paymentSignature and xPayment by the first step
     * of routes/10-generate.yaml): free, challenge, refused or payment.
     */
    public GateVerdict check(@Variable("paymentSignature") String paymentSignature, @Variable("xPayment") String xPayment,
                             @Variable("generation") Generation generation) {
        if (gate == null) {
            return FREE;
        }
        return gate.check(paymentSignature, xPayment, amountOf(generation),
                new ResourceInfo(resourceUrl, generation.description(), "application/json"));
    }

    /** A payment verdict as the payment the rest of the flow carries (variable payment), with its access token. */
    public PaymentContext payment(@Variable("gate") GateVerdict.Payment verdict, @Variable("generation") Generation generation) {
        return new PaymentContext(verdict.payload(), verdict.requirement(), amountOf(generation), verdict.paymentKey(),
                verdict.option().network().caip2(), ReadTokens.forPayment(readTokenKey, verdict.paymentKey()), verdict.option());
    }

    /** The body of the facilitator's POST /verify for this payment. */
    public String verifyRequest(@Variable("payment") PaymentContext payment) {
        return FacilitatorMessages.verifyRequest(payment.payload(), payment.requirement()).toString();
    }

    /** The answer of the payment's facilitator to /verify: valid, refused or unavailable. */
    public VerifyVerdict verified(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                                  @Variable("payment") PaymentContext payment) {
        return gate.verified(status, answer, payment.option());
    }

    /** The facilitator failed or gave an unreadable answer (verify): a 503, nothing charged. */
    public void verifyFailed(@Variable("verification") VerifyVerdict.Unavailable verdict) {
        throw unavailable(verdict.what());
    }

    /** The facilitator could not be reached or did not answer in time (verify): a 503, nothing charged. */
    public void verifyUnanswered(Exchange exchange) {
        throw unavailable(FacilitatorMessages.timedOut(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                ? "did not answer in time" : "could not be reached");
    }

    /**
     * The payer's balance is already held by its payments in flight (the guarded insert wrote nothing): the x402
     * reason insufficient_funds; nothing was charged, no work was started.
     */
    public Refusal heldBalance(@Variable("payerBalance") PayerBalance balance) {
        String held = balance.known()
                ? "the payer's balance (" + UsdcAmount.toUsd(balance.atomic()).toPlainString() + " USDC) does not cover it on top of"
                        + " the payer's payments still being settled"
                : "the chain did not answer the balance read, and the payer already has a payment being settled";
        return new Refusal(Refusal.INSUFFICIENT_FUNDS, Refusal.INSUFFICIENT_FUNDS, "This payment is refused before any work: " + held
                + ". Nothing was charged; pay again once they have settled (a payment settled in the last seconds may still count),"
                + " or with more funds");
    }

    /**
     * Writes the 402 onto the message: the challenge for this request's price (variable refusal unset), or the
     * refusal's. No header of the flow's goes back; the caller gets status, Content-Type, PAYMENT-REQUIRED, the JSON.
     */
    public void answer402(Exchange exchange, @Variable("generation") Generation generation, @Variable("refusal") Refusal refusal) {
        ChallengeAnswers.Answer answer = refusal == null ? answers.challenge(generation) : answers.refused(generation, refusal);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 402);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(X402Headers.PAYMENT_REQUIRED, answer.paymentRequired());
        message.setBody(answer.body());
    }

    private static java.math.BigInteger amountOf(Generation generation) {
        return UsdcAmount.toAtomic(generation.priceUsd().toPlainString());
    }

    private static ApiException unavailable(String what) {
        return new ApiException(503, "payment_facilitator_unavailable",
                "The x402 facilitator " + what + " (verify); nothing was charged and no work was started, try again", 5);
    }
}
