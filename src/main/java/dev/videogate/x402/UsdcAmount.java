package dev.videogate.x402;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact conversion between USD decimal strings and USDC atomic units (6 decimals).
 *
 * <p>Why BigDecimal from the string: a price must never pass through a double (0.1 + 0.2 style
 * drift); an amount off by one atomic unit fails the facilitator's exact-amount check.
 */
public final class UsdcAmount {

    public static final int DECIMALS = 6;

    /** Digits with an optional '.' (the sign is checked below, to say why it is refused). */
    private static final java.util.regex.Pattern AMOUNT = java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    private UsdcAmount() {
    }

    /** "3.50" -> 3500000. Rejects empty, non-numbers, negatives, zero and more than 6 decimals. */
    public static BigInteger toAtomic(String usd) {
        if (usd == null || usd.isBlank()) {
            throw new IllegalArgumentException("price is empty; expected a USD amount such as 3.50");
        }
        String t = usd.trim();
        if (!AMOUNT.matcher(t).matches()) { // compiled once: this runs for every request
            throw new IllegalArgumentException("'" + usd + "' is not a USD amount (digits with an optional '.' and up to 6 decimals)");
        }
        BigDecimal value = new BigDecimal(t);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("'" + usd + "' is negative; a price must be positive");
        }
        if (value.signum() == 0) {
            throw new IllegalArgumentException("'" + usd + "' is zero; a price must be positive");
        }
        if (value.stripTrailingZeros().scale() > DECIMALS) {
            throw new IllegalArgumentException("'" + usd + "' has more than " + DECIMALS + " decimals; USDC cannot represent it");
        }
        return value.movePointRight(DECIMALS).toBigIntegerExact();
    }

    /** 3500000 -> 3.5 (plain, no exponent), for the JSON {@code price} number. */
    public static BigDecimal toUsd(BigInteger atomic) {
        BigDecimal usd = new BigDecimal(atomic, DECIMALS).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }
}
