package dev.videogate.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the payment gate makes of a request's payment headers ({@link PaymentGate#check}); the route branches on
 * {@link #kind()}. As @x402/core's HTTP resource server answers no-payment-required, payment-error or
 * payment-verified, with no framework type in it:
 * <ul>
 *   <li>{@code free}: x402 is off, nothing is asked;</li>
 *   <li>{@code challenge}: no payment header, the 402 with the requirements;</li>
 *   <li>{@code refused}: a header that does not decode or does not pay for this request (402 with the reason);</li>
 *   <li>{@code payment}: decoded and checked locally, on to the facilitator's /verify.</li>
 * </ul>
 */
public sealed interface GateVerdict {

    /** free, challenge, refused or payment: what the route's choice compares. */
    String kind();

    /** x402 is off: the request goes on unpaid. */
    record Free() implements GateVerdict {
        @Override
        public String kind() {
            return "free";
        }
    }

    /** No payment header: answer 402 with the requirements. */
    record Challenge() implements GateVerdict {
        @Override
        public String kind() {
            return "challenge";
        }
    }

    /** A payment header we refuse without asking anyone. */
    record Refused(Refusal refusal) implements GateVerdict {
        @Override
        public String kind() {
            return "refused";
        }
    }

    /**
     * A payment that decodes and pays exactly this request, as far as we can tell without a chain.
     *
     * @param requirement the requirement it answers, in its own x402 version (what /verify and /settle are sent)
     * @param paymentKey  network, asset, payer and nonce: one generation per signed payment
     * @param option      the configured entry it pays (its network, token, facilitator and RPC)
     */
    record Payment(PaymentPayload payload, ObjectNode requirement, String paymentKey, PaymentOption option) implements GateVerdict {
        @Override
        public String kind() {
            return "payment";
        }
    }
}
