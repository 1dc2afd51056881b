package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    private static final String SIGNATURE = "0x" + "ab12".repeat(32) + "1b";
    private static final String HEADER = "eyJ4NDAyVmVyc2lvbiI6MiwicGF5bG9hZCI6eyJzaWduYXR1cmUiOiIweGFi" + "YWJj".repeat(10);

    @Test
    void signaturesAndEncodedPaymentsAreRedacted() {
        String text = SafeText.of("invalid signature " + SIGNATURE + " in header " + HEADER, 500);
        assertFalse(text.contains(SIGNATURE.substring(2, 40)), text);
        assertFalse(text.contains(HEADER.substring(0, 40)), text);
        assertTrue(text.startsWith("invalid signature [redacted] in header [redacted]"), text);
    }

    @Test
    void addressesStayReadableAndLengthIsBounded() {
        String address = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
        assertEquals("payTo " + address, SafeText.of("payTo " + address, 100));
        assertEquals("xxxxx...", SafeText.of("x".repeat(30) + " ", 5));
        assertEquals("a b", SafeText.of("a\nb", 10));
    }

    @Test
    void onlyShortCodesPassAsCodes() {
        assertEquals("invalid_exact_evm_payload_signature", SafeText.code("invalid_exact_evm_payload_signature", "x"));
        assertEquals("invalid_payment", SafeText.code("bad " + SIGNATURE, "invalid_payment"));
        assertEquals("invalid_payment", SafeText.code(null, "invalid_payment"));
    }
}
