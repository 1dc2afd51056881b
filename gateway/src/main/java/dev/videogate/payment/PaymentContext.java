package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.x402.PaymentPayload;
import java.math.BigInteger;

/** A decoded, locally checked payment for one request, carried from the gate to the settlement. */
public record PaymentContext(PaymentPayload payload, ObjectNode requirement, BigInteger amount, String identityKey) {

    public int version() {
        return payload.x402Version();
    }
}
