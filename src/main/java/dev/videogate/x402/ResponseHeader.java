package dev.videogate.x402;

/** One HTTP header of an answer to the payer (e.g. PAYMENT-RESPONSE with its value). */
public record ResponseHeader(String name, String value) {
}
