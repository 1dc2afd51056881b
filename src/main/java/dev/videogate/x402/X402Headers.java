package dev.videogate.x402;

import java.util.Locale;

/** HTTP header names of both wire versions (HTTP header names are case-insensitive). */
public final class X402Headers {

    /** v2, server -> client on 402: base64 PaymentRequired. */
    public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
    /** v2, client -> server: base64 PaymentPayload. */
    public static final String PAYMENT_SIGNATURE = "PAYMENT-SIGNATURE";
    /** v2, server -> client after settlement: base64 settle response. */
    public static final String PAYMENT_RESPONSE = "PAYMENT-RESPONSE";
    /** v1, client -> server: base64 PaymentPayload. */
    public static final String X_PAYMENT = "X-PAYMENT";
    /** v1, server -> client after settlement: base64 settle response. */
    public static final String X_PAYMENT_RESPONSE = "X-PAYMENT-RESPONSE";

    private X402Headers() {
    }

    /** 2 for PAYMENT-SIGNATURE, 1 for X-PAYMENT; otherwise IllegalArgumentException. */
    public static int versionOfPaymentHeader(String headerName) {
        String n = headerName == null ? "" : headerName.trim().toUpperCase(Locale.ROOT);
        return switch (n) {
            case PAYMENT_SIGNATURE -> 2;
            case X_PAYMENT -> 1;
            default -> throw new IllegalArgumentException("not an x402 payment header: " + headerName);
        };
    }

    /** PAYMENT-RESPONSE for v2, X-PAYMENT-RESPONSE for v1. */
    public static String settlementHeaderFor(int x402Version) {
        return switch (x402Version) {
            case 1 -> X_PAYMENT_RESPONSE;
            case 2 -> PAYMENT_RESPONSE;
            default -> throw new IllegalArgumentException("unsupported x402 version " + x402Version);
        };
    }
}
