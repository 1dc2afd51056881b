package dev.videogate.payment;

/**
 * What the facilitator's /settle came to for one generation: settled, failed (the facilitator refused: no money
 * moved), or settle_unknown (no usable answer: the money may have moved; the reconciler will find out). The
 * columns to record, and the settlement header for the payer when there is one. Variable "settlement"; SQL reads
 * it by name.
 */
public record Settlement(String generationId, String paymentStatus, String transaction, String paymentError,
                         String headerName, String headerValue) {

    public static final String SETTLED = "settled";
    public static final String FAILED = "failed";
    public static final String UNKNOWN = "settle_unknown";

    public boolean settled() {
        return SETTLED.equals(paymentStatus);
    }

    public boolean failed() {
        return FAILED.equals(paymentStatus);
    }

    public boolean unknown() {
        return UNKNOWN.equals(paymentStatus);
    }
}
