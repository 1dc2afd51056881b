package dev.videogate.x402;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The {@code PAYMENT-RESPONSE} (v2) / {@code X-PAYMENT-RESPONSE} (v1) header: base64 of the settle
 * response JSON, in the key order of the x402 transport specs:
 * {@code {success, errorReason?, transaction, network, payer}}. The network is rewritten into the
 * payment's version form (a v1 client expects {@code base-sepolia}, a v2 client {@code eip155:84532}).
 */
public final class SettlementHeader {

    private SettlementHeader() {
    }

    /** Header name for that version. */
    public static String name(int x402Version) {
        return X402Headers.settlementHeaderFor(x402Version);
    }

    public static ObjectNode json(SettleResult settle, int x402Version) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("success", settle.success());
        settle.errorReason().ifPresent(r -> n.put("errorReason", r));
        n.put("transaction", settle.transaction());
        n.put("network", networkFor(settle.network(), x402Version));
        settle.payer().ifPresent(p -> n.put("payer", p));
        return n;
    }

    /** The header value. */
    public static String encode(SettleResult settle, int x402Version) {
        return X402Json.toBase64Json(json(settle, x402Version));
    }

    /**
     * The header that passes a settle verdict on to the payer of this payment: settled (with its transaction) or
     * refused (errorReason settlement_failed, nothing sent on chain). None while the outcome is unknown: there is no
     * answer to pass on, and telling "not settled" could be false.
     */
    public static Optional<ResponseHeader> forVerdict(SettleVerdict verdict, PaymentPayload payment) {
        if (verdict instanceof SettleVerdict.Unknown) {
            return Optional.empty();
        }
        int version = payment.x402Version();
        boolean settled = verdict instanceof SettleVerdict.Settled;
        String transaction = verdict instanceof SettleVerdict.Settled s && s.transaction() != null ? s.transaction() : "";
        SettleResult result = new SettleResult(settled, settled ? Optional.empty() : Optional.of("settlement_failed"),
                Optional.empty(), transaction, payment.network().wireName(version), Optional.of(payment.payer().checksummed()));
        return Optional.of(new ResponseHeader(name(version), encode(result, version)));
    }

    /** Reads a header value back (for tests and clients); IllegalArgumentException when malformed. */
    public static SettleResult decode(String headerValue) {
        try {
            JsonNode n = X402Json.fromBase64Json(headerValue);
            return FacilitatorMessages.parseSettle(X402Json.toJson(n));
        } catch (JsonProcessingException | FacilitatorResponseException e) {
            throw new IllegalArgumentException("not a settlement header: " + e.getMessage(), e);
        }
    }

    private static String networkFor(String network, int x402Version) {
        if (network == null || network.isEmpty()) {
            return "";
        }
        try {
            X402Network n = X402Network.parse(network);
            return x402Version == 1 ? n.v1Name().orElse(network) : n.caip2();
        } catch (IllegalArgumentException e) {
            return network; // not ours to fix; pass through what the facilitator said
        }
    }

}
