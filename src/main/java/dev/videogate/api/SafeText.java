package dev.videogate.api;

import java.util.regex.Pattern;

/**
 * Text from another party (a facilitator's error, an upstream message) made safe to show a caller or write to a
 * log: anything shaped like a signature or an encoded payment (long hex or base64 runs) is replaced, control
 * characters go, and the length is bounded. Addresses (40 hex digits) stay readable.
 */
public final class SafeText {

    private static final Pattern LONG_HEX = Pattern.compile("(0x)?[0-9a-fA-F]{41,}");
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/_=-]{48,}");

    private SafeText() {
    }

    public static String of(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String safe = LONG_HEX.matcher(text).replaceAll("[redacted]");
        safe = LONG_BASE64.matcher(safe).replaceAll("[redacted]");
        safe = safe.replaceAll("[\\p{Cntrl}]", " ").trim();
        return safe.length() > maxLength ? safe.substring(0, maxLength) + "..." : safe;
    }

    /** A short machine-readable code (an x402 reason such as invalid_exact_evm_payload_signature), or the fallback. */
    public static String code(String text, String fallback) {
        return text != null && text.matches("[A-Za-z0-9_.:-]{1,80}") ? text : fallback;
    }
}
