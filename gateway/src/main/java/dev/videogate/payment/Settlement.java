package dev.videogate.payment;

/**
 * What the facilitator's /settle came to for one generation: the columns to record, and the settlement header
 * for the payer. Variable "settlement"; SQL reads it by name.
 */
public record Settlement(String generationId, boolean settled, String transaction, String paymentError,
                         String headerName, String headerValue) {

    public String paymentStatus() {
        return settled ? "settled" : "unpaid";
    }
}
