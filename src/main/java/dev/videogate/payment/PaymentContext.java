package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.x402.FacilitatorMessages;
import dev.videogate.x402.PaymentOption;
import dev.videogate.x402.PaymentPayload;
import java.math.BigInteger;

/**
 * A decoded, locally checked payment for one request, carried from the gate to the settlement as variable
 * "payment" (null when payment is off). SQL reads it by name ({@code :#${variable.payment?.paymentKey}}).
 *
 * @param paymentKey    network, asset, payer and EIP-3009 nonce: unique per signed payment (one generation each)
 * @param readToken     handed to the payer once, in the paid answer; only its hash is stored
 * @param option        the configured entry it pays: its facilitator verifies it, its RPC gives the payer's balance
 */
public record PaymentContext(PaymentPayload payload, ObjectNode requirement, BigInteger amount, String paymentKey,
                             String network, String readToken, PaymentOption option) {

    public int version() {
        return payload.x402Version();
    }

    /** The token paid in (lowercase address): the payer's holds are per network and token (sql/insert-generation.sql). */
    public String asset() {
        return option.asset().address().lowercase();
    }

    public String payer() {
        return payload.payer().checksummed();
    }

    /** The EIP-3009 nonce (0x + 64 hex): with the payer, what the chain is asked about when a settlement is unknown. */
    public String nonce() {
        return payload.authorization().nonce();
    }

    public long validBefore() {
        return payload.authorization().validBefore();
    }

    /** The exact body of the facilitator's /settle for this payment (kept with the row, to settle again if need be). */
    public String settleRequest() {
        return FacilitatorMessages.settleRequest(payload, requirement).toString();
    }

    public String readTokenHash() {
        return ReadTokens.hash(readToken);
    }
}
