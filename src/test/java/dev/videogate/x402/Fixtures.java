package dev.videogate.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/** Shared inputs: the examples of coinbase/x402 specs/transports-v2/http.md and transports-v1/http.md. */
final class Fixtures {

    static final String PAY_TO = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
    static final String PAYER = "0x857b06519E91e3A54538791bDbb0E22373e36b66";
    static final String USDC_BASE_SEPOLIA = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    static final String NONCE = "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480";
    static final String SIGNATURE = "0x2d6a7588d6acca505cbf0d9a4a227e0c52c6c34008c8e8986a1283259764173608a2ce6496642e377d6da8dbbf5836e9bd15092f9ecab05ded3d6293af148b571c";
    static final long VALID_AFTER = 1740672089L;
    static final long VALID_BEFORE = 1740672154L;

    /** A moment inside the spec example's validity window, with > 6 s left. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1740672100L), ZoneOffset.UTC);

    /** Spec transports-v2/http.md, PAYMENT-SIGNATURE example, verbatim. */
    static final String SPEC_V2_PAYMENT_SIGNATURE = "eyJ4NDAyVmVyc2lvbiI6MiwicmVzb3VyY2UiOnsidXJsIjoiaHR0cHM6Ly9hcGkuZXhhbXBsZS5jb20vcHJlbWl1bS1kYXRhIiwiZGVzY3JpcHRpb24iOiJBY2Nlc3MgdG8gcHJlbWl1bSBtYXJrZXQgZGF0YSIsIm1pbWVUeXBlIjoiYXBwbGljYXRpb24vanNvbiJ9LCJhY2NlcHRlZCI6eyJzY2hlbWUiOiJleGFjdCIsIm5ldHdvcmsiOiJlaXAxNTU6ODQ1MzIiLCJhbW91bnQiOiIxMDAwMCIsImFzc2V0IjoiMHgwMzZDYkQ1Mzg0MmM1NDI2NjM0ZTc5Mjk1NDFlQzIzMThmM2RDRjdlIiwicGF5VG8iOiIweDIwOTY5M0JjNmFmYzBDNTMyOGJBMzZGYUYwM0M1MTRFRjMxMjI4N0MiLCJtYXhUaW1lb3V0U2Vjb25kcyI6NjAsImV4dHJhIjp7Im5hbWUiOiJVU0RDIiwidmVyc2lvbiI6IjIifX0sInBheWxvYWQiOnsic2lnbmF0dXJlIjoiMHgyZDZhNzU4OGQ2YWNjYTUwNWNiZjBkOWE0YTIyN2UwYzUyYzZjMzQwMDhjOGU4OTg2YTEyODMyNTk3NjQxNzM2MDhhMmNlNjQ5NjY0MmUzNzdkNmRhOGRiYmY1ODM2ZTliZDE1MDkyZjllY2FiMDVkZWQzZDYyOTNhZjE0OGI1NzFjIiwiYXV0aG9yaXphdGlvbiI6eyJmcm9tIjoiMHg4NTdiMDY1MTlFOTFlM0E1NDUzODc5MWJEYmIwRTIyMzczZTM2YjY2IiwidG8iOiIweDIwOTY5M0JjNmFmYzBDNTMyOGJBMzZGYUYwM0M1MTRFRjMxMjI4N0MiLCJ2YWx1ZSI6IjEwMDAwIiwidmFsaWRBZnRlciI6IjE3NDA2NzIwODkiLCJ2YWxpZEJlZm9yZSI6IjE3NDA2NzIxNTQiLCJub25jZSI6IjB4ZjM3NDY2MTNjMmQ5MjBiNWZkYWJjMDg1NmYyYWViMmQ0Zjg4ZWU2MDM3YjhjYzVkMDRhNzFhNDQ2MmYxMzQ4MCJ9fX0=";

    /** Spec transports-v1/http.md, X-PAYMENT example, verbatim. */
    static final String SPEC_V1_X_PAYMENT = "eyJ4NDAyVmVyc2lvbiI6MSwic2NoZW1lIjoiZXhhY3QiLCJuZXR3b3JrIjoiYmFzZS1zZXBvbGlhIiwicGF5bG9hZCI6eyJzaWduYXR1cmUiOiIweDJkNmE3NTg4ZDZhY2NhNTA1Y2JmMGQ5YTRhMjI3ZTBjNTJjNmMzNDAwOGM4ZTg5ODZhMTI4MzI1OTc2NDE3MzYwOGEyY2U2NDk2NjQyZTM3N2Q2ZGE4ZGJiZjU4MzZlOWJkMTUwOTJmOWVjYWIwNWRlZDNkNjI5M2FmMTQ4YjU3MWMiLCJhdXRob3JpemF0aW9uIjp7ImZyb20iOiIweDg1N2IwNjUxOUU5MWUzQTU0NTM4NzkxYkRiYjBFMjIzNzNlMzZiNjYiLCJ0byI6IjB4MjA5NjkzQmM2YWZjMEM1MzI4YkEzNkZhRjAzQzUxNEVGMzEyMjg3QyIsInZhbHVlIjoiMTAwMDAiLCJ2YWxpZEFmdGVyIjoiMTc0MDY3MjA4OSIsInZhbGlkQmVmb3JlIjoiMTc0MDY3MjE1NCIsIm5vbmNlIjoiMHhmMzc0NjYxM2MyZDkyMGI1ZmRhYmMwODU2ZjJhZWIyZDRmODhlZTYwMzdiOGNjNWQwNGE3MWE0NDYyZjEzNDgwIn19fQ==";

    /**
     * A v2 PAYMENT-SIGNATURE JSON exactly as @x402/core's x402Client + @x402/evm ExactEvmScheme
     * (EIP-3009 path) would serialise it, constructed by reading their source:
     * x402Client.createPaymentPayload builds {x402Version, payload, extensions, resource, accepted}
     * (extensions undefined -> dropped by JSON.stringify); createEIP3009Payload builds payload as
     * {authorization, signature} and authorization as {from, to, value, validAfter, validBefore, nonce}
     * with validAfter = now - 600 and validBefore = now + maxTimeoutSeconds, all as strings;
     * accepted is our requirement copied verbatim; resource is our PaymentRequired.resource.
     * Here: a $3.50 video on Base Sepolia, now = 1740672100, maxTimeoutSeconds 300.
     */
    static final String TS_CLIENT_V2_JSON = "{\"x402Version\":2,"
            + "\"payload\":{\"authorization\":{\"from\":\"0x857b06519E91e3A54538791bDbb0E22373e36b66\","
            + "\"to\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\",\"value\":\"3500000\","
            + "\"validAfter\":\"1740671500\",\"validBefore\":\"1740672400\","
            + "\"nonce\":\"0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480\"},"
            + "\"signature\":\"" + SIGNATURE + "\"},"
            + "\"resource\":{\"url\":\"https://gw.example/api/generate\",\"description\":\"AI video generation (sora-2)\",\"mimeType\":\"application/json\"},"
            + "\"accepted\":{\"scheme\":\"exact\",\"network\":\"eip155:84532\",\"amount\":\"3500000\","
            + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\",\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
            + "\"maxTimeoutSeconds\":300,\"extra\":{\"name\":\"USDC\",\"version\":\"2\"}}}";

    private Fixtures() {
    }

    static X402Settings settings(Map<String, String> overrides) {
        Map<String, String> base = new java.util.HashMap<>(Map.of(
                X402Settings.PAY_TO, PAY_TO,
                X402Settings.NETWORK, "base-sepolia",
                X402Settings.MAX_TIMEOUT_SECONDS, "60"));
        base.putAll(overrides);
        return X402Settings.fromProperties(base::get);
    }

    static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(ObjectNode node) {
        return X402Json.toBase64Json(node);
    }

    static String decodeBase64(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    /** The spec's v2 payload as a mutable tree. */
    static ObjectNode specV2() throws Exception {
        return (ObjectNode) X402Json.fromBase64Json(SPEC_V2_PAYMENT_SIGNATURE);
    }

    /** The spec's v1 payload as a mutable tree. */
    static ObjectNode specV1() throws Exception {
        return (ObjectNode) X402Json.fromBase64Json(SPEC_V1_X_PAYMENT);
    }
}
