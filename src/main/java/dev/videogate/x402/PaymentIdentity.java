package dev.videogate.x402;

import java.util.Locale;
import java.util.Objects;

/**
 * A stable dedupe key for one payment: {@code lowercase(caip2 + ":" + asset + ":" + from + ":" + nonce)}.
 *
 * <p>Why these parts: EIP-3009 makes a nonce single-use per (token contract, payer), and the token
 * contract is per chain. So the key identifies the authorization itself, whichever header, version or
 * replay carried it; a SQL unique constraint on it stops a second task for the same money.
 */
public record PaymentIdentity(String key) {

    public PaymentIdentity {
        Objects.requireNonNull(key, "key");
    }

    public static PaymentIdentity of(X402Network network, EvmAddress asset, EvmAddress from, String nonce) {
        return new PaymentIdentity((network.caip2() + ":" + asset.lowercase() + ":" + from.lowercase() + ":" + nonce)
                .toLowerCase(Locale.ROOT));
    }

    /**
     * For a payment already accepted by {@link LocalPaymentCheck}: the asset is the one we offered
     * (v1 payloads do not name it; v2's {@code accepted.asset} was checked to equal it).
     */
    public static PaymentIdentity of(PaymentPayload payment, EvmAddress offeredAsset) {
        return of(payment.network(), offeredAsset, payment.authorization().from(), payment.authorization().nonce());
    }

    @Override
    public String toString() {
        return key;
    }
}
