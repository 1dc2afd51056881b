package dev.videogate.x402;

import java.util.Objects;

/**
 * Why a payment is not taken, as the 402 tells the payer: {@code reason} is x402's code (the {@code error} of the
 * PAYMENT-REQUIRED header and the body's {@code reason}), {@code code} our error code, {@code message} for a human.
 * All three are safe to send back (no payment data in them beyond what the payer sent).
 */
public record Refusal(String reason, String code, String message) {

    /** The error code of a payment refused by the local check or by the facilitator. */
    public static final String PAYMENT_INVALID = "payment_invalid";
    /** The x402 reason (and our error code) of a payment the payer's balance no longer covers. */
    public static final String INSUFFICIENT_FUNDS = "insufficient_funds";

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
