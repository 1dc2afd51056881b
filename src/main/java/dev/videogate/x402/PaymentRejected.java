package dev.videogate.x402;

import java.util.Objects;

/**
 * A payment we refuse before (or instead of) asking the facilitator. {@link #reason()} is a
 * machine-readable snake_case code (x402's own where one exists, see {@link RejectionReasons});
 * {@link #getMessage()} explains it to a human. Both are safe to return to the payer.
 */
public class PaymentRejected extends RuntimeException {

    private final String reason;

    public PaymentRejected(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PaymentRejected(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "PaymentRejected[" + reason + ": " + getMessage() + "]";
    }
}
