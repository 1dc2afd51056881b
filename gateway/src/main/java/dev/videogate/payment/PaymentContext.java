package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.x402.PaymentPayload;
import java.math.BigInteger;

/**
 * A decoded, locally checked payment for one request, carried from the gate to the settlement as variable
 * "payment" (null when payment is off). SQL reads it by name ({@code :#${variable.payment?.paymentKey}}).
 *
 * @param paymentKey    network, asset, payer and EIP-3009 nonce: unique per signed payment (one generation each)
 * @param readToken     handed to the payer once, in the paid answer; only its hash is stored
 */
public record PaymentContext(PaymentPayload payload, ObjectNode requirement, BigInteger amount, String paymentKey,
                             String network, String readToken) {

    public int version() {
        return payload.x402Version();
    }

    public String payer() {
        return payload.payer().checksummed();
    }

    public String readTokenHash() {
        return ReadTokens.hash(readToken);
    }
}
