package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.discovery.BazaarDiscovery;
import dev.videogate.generation.Generation;
import dev.videogate.siwx.SignInWithX;
import dev.videogate.x402.Base64Template;
import dev.videogate.x402.Refusal;
import dev.videogate.x402.PaymentOptions;
import dev.videogate.x402.RequirementsBuilder;
import dev.videogate.x402.ResourceInfo;
import dev.videogate.x402.UsdcAmount;
import dev.videogate.x402.X402Json;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 402 answers of POST /api/generate, rendered: the PAYMENT-REQUIRED header (x402 v2: one requirement per configured network and token offered) and the JSON body (the v1
 * requirements of every entry v1 is offered on, and the price of exactly what was asked). The plain challenge of a request with
 * no payment is kept per (model, options, price), at most {@value #MAX_KEPT} of them, so a given price is the same
 * bytes every time and costs no JSON work after the first; a refusal (its reason and message vary) is rendered each
 * time. With sign-in-with-x on, what is kept is the header with marks where the challenge's nonce and times go, its
 * fixed parts already base64-encoded: each 402 gets fresh values spliced in and only those few hundred bytes encoded.
 */
public final class ChallengeAnswers {

    static final int MAX_KEPT = 1024;

    /**
     * One rendered 402: the PAYMENT-REQUIRED value and the JSON body. The body is a String on purpose: platform-http
     * writes a String in one go, while a byte[] went out as a stream (a worker and the event loop passing it chunk by
     * chunk), which cost more than the rest of the 402.
     */
    public record Answer(String paymentRequired, String body) {
    }

    private final PaymentOptions requirements;
    private final String resourceUrl;
    private final BazaarDiscovery discovery;
    private final SignInWithX signIn;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** A kept challenge: the answer itself, or (sign-in-with-x on) the header to fill and the body. */
    private record Kept(Answer answer, Base64Template header) {
    }

    /** @param discovery x402 Bazaar metadata put in every 402 (how to call this resource), or null */
    public ChallengeAnswers(PaymentOptions requirements, String resourceUrl, BazaarDiscovery discovery) {
        this(requirements, resourceUrl, discovery, null);
    }

    /** @param signIn the sign-in-with-x challenge every 402 declares (a fresh nonce each), or null for none */
    public ChallengeAnswers(PaymentOptions requirements, String resourceUrl, BazaarDiscovery discovery, SignInWithX signIn) {
        this.requirements = requirements;
        this.resourceUrl = resourceUrl;
        this.discovery = discovery;
        this.signIn = signIn;
    }

    /** The 402 for a request that brought no payment: the requirements for exactly this request's price. */
    public Answer challenge(Generation generation) {
        String key = requirements.revision() + "\n" + generation.model() + '\n' + generation.options() + '\n'
                + generation.priceUsd().toPlainString();
        Kept one = kept.get(key);
        if (one == null) {
            one = render(generation, null);
            if (kept.size() >= MAX_KEPT) {
                kept.clear(); // prices are few; a flood of distinct requests only costs rendering again
            }
            kept.put(key, one);
        }
        return answer(one);
    }

    /** The 402 for a payment refused (locally, by the facilitator, or by the payer's balance), with its reason. */
    public Answer refused(Generation generation, Refusal refusal) {
        return answer(render(generation, refusal));
    }

    private Answer answer(Kept one) {
        if (one.header() == null) {
            return one.answer();
        }
        return new Answer(one.header().encode(signIn::fill), one.answer().body());
    }

    /** How many plain challenges are kept (for tests). */
    int kept() {
        return kept.size();
    }

    private Kept render(Generation generation, Refusal refusal) {
        BigInteger amount = UsdcAmount.toAtomic(generation.priceUsd().toPlainString());
        ResourceInfo resource = new ResourceInfo(resourceUrl, generation.description(), "application/json");
        String code = refusal == null ? "payment_required" : refusal.code();
        String message = refusal == null ? "Payment required: pay with x402 to generate" : refusal.message();
        String error = refusal == null ? message : refusal.reason();
        ObjectNode v2 = requirements.v2PaymentRequired(resource, amount, error);
        ObjectNode extensions = discovery == null ? null : discovery.extensionsFor(generation.model());
        if (signIn != null) {
            // a payer that lost its access token signs in with the paying wallet instead (SIGN-IN-WITH-X)
            extensions = extensions == null ? X402Json.mapper().createObjectNode() : extensions.deepCopy();
            extensions.set(SignInWithX.EXTENSION, signIn.declaration());
        }
        if (extensions != null) {
            v2.set("extensions", extensions); // x402 Bazaar discovery: how to call this resource and what it answers
        }
        ObjectNode body = requirements.offersV1()
                ? requirements.v1PaymentRequired(resource, amount, error, "POST")
                : X402Json.mapper().createObjectNode();
        body.put("paymentRequired", true);
        body.put("price", generation.priceUsd());
        body.put("model", generation.model());
        body.set("priceBreakdown", generation.priceBreakdownJson());
        body.put("success", false);
        body.put("code", code);
        body.put("message", message);
        if (refusal != null) {
            body.put("reason", refusal.reason());
        }
        if (signIn != null) {
            return new Kept(new Answer(null, body.toString()), signIn.template(X402Json.toJson(v2)));
        }
        return new Kept(new Answer(RequirementsBuilder.encodeHeader(v2), body.toString()), null);
    }
}
