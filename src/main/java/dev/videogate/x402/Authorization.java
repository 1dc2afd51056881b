package dev.videogate.x402;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The EIP-3009 {@code transferWithAuthorization} the payer signed. On the wire every numeric field
 * is a decimal string; {@code nonce} is 32 random bytes as 0x + 64 hex.
 */
public record Authorization(EvmAddress from, EvmAddress to, BigInteger value, long validAfter, long validBefore, String nonce) {
    public Authorization {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(nonce, "nonce");
    }
}
