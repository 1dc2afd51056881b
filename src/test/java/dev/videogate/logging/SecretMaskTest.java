package dev.videogate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What the masking pass takes out of a line, and what it must leave for operators to search by. */
class SecretMaskTest {

    @Test
    void credentialsInHeadersAndBearerValues() {
        assertEquals("headers {Authorization=***, Accept=*/*}", SecretMask.apply("headers {Authorization=Bearer abc.def-123, Accept=*/*}"));
        assertEquals("\"authorization\":\"***\"", SecretMask.apply("\"authorization\":\"Basic dXNlcjpwYXNz\""));
        assertEquals("PAYMENT-SIGNATURE: ***", SecretMask.apply("PAYMENT-SIGNATURE: eyJ4NDAyVmVyc2lvbiI6Mn0="));
        assertEquals("x-payment=***; next", SecretMask.apply("x-payment=eyJhYmMiOjF9; next"));
        assertEquals("sent Bearer *** to Kie.ai", SecretMask.apply("sent Bearer sk-live-0123456789 to Kie.ai"));
    }

    @Test
    void paymentPayloadsSignaturesAndWebhookSecrets() {
        assertEquals("payload eyJ*** seen", SecretMask.apply("payload eyJ4NDAyVmVyc2lvbiI6MiwicGF5bG9hZCI6e319 seen"));
        String signature = "0x" + "9f".repeat(65);
        assertEquals("{\"signature\":\"0x***\"}", SecretMask.apply("{\"signature\":\"" + signature + "\"}"));
        assertEquals("secret whsec_***", SecretMask.apply("secret whsec_MDEyMzQ1Njc4OWFiY2RlZg=="));
    }

    @Test
    void aJwtIsMaskedWholeHeaderClaimsAndSignature() {
        String jwt = "eyJhbGciOiJFZERTQSIsImtpZCI6ImsifQ.eyJpc3MiOiJjZHAifQ.Fy0WHcgQr_WaB2wtUWLZlp7zBdZtiNFY-CMxwsTWuRyd";
        assertEquals("token eyJ*** sent", SecretMask.apply("token " + jwt + " sent"));
        assertEquals("Authorization: ***", SecretMask.apply("Authorization: Bearer " + jwt));
    }

    @Test
    void rememberedSecretValues() {
        SecretMask.remember("admin-token-0123456789abcdef");
        SecretMask.remember("short"); // too short to look for: it would mask ordinary words
        assertEquals("token *** refused, short", SecretMask.apply("token admin-token-0123456789abcdef refused, short"));
    }

    @Test
    void whatOperatorsSearchByStays() {
        String line = "Settlement of gen_1795000000000_k3x9abcdefghij0123 settled in transaction 0x" + "ab".repeat(32)
                + " by 0x" + "12".repeat(20) + ", nonce 0x" + "cd".repeat(32) + "; Kie.ai task 9f3c2a; bearer token missing";
        assertSame(line, SecretMask.apply(line));
        assertSame(null, SecretMask.apply(null));
    }
}
