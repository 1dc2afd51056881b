package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementsBuilderTest {

    /** Spec transports-v2/http.md, PAYMENT-REQUIRED example header, verbatim. */
    private static final String SPEC_PAYMENT_REQUIRED = "eyJ4NDAyVmVyc2lvbiI6MiwiZXJyb3IiOiJQQVlNRU5ULVNJR05BVFVSRSBoZWFkZXIgaXMgcmVxdWlyZWQiLCJyZXNvdXJjZSI6eyJ1cmwiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbS9wcmVtaXVtLWRhdGEiLCJkZXNjcmlwdGlvbiI6IkFjY2VzcyB0byBwcmVtaXVtIG1hcmtldCBkYXRhIiwibWltZVR5cGUiOiJhcHBsaWNhdGlvbi9qc29uIn0sImFjY2VwdHMiOlt7InNjaGVtZSI6ImV4YWN0IiwibmV0d29yayI6ImVpcDE1NTo4NDUzMiIsImFtb3VudCI6IjEwMDAwIiwiYXNzZXQiOiIweDAzNkNiRDUzODQyYzU0MjY2MzRlNzkyOTU0MWVDMjMxOGYzZENGN2UiLCJwYXlUbyI6IjB4MjA5NjkzQmM2YWZjMEM1MzI4YkEzNkZhRjAzQzUxNEVGMzEyMjg3QyIsIm1heFRpbWVvdXRTZWNvbmRzIjo2MCwiZXh0cmEiOnsibmFtZSI6IlVTREMiLCJ2ZXJzaW9uIjoiMiJ9fV19";

    private final RequirementsBuilder builder = new RequirementsBuilder(Fixtures.settings(Map.of()));
    private final ResourceInfo resource = new ResourceInfo("https://api.example.com/premium-data", "Access to premium market data", "application/json");

    @Test
    void v2HeaderIsByteIdenticalToTheSpecExample() {
        ObjectNode pr = builder.v2PaymentRequired(resource, BigInteger.valueOf(10_000), "PAYMENT-SIGNATURE header is required");
        assertEquals(SPEC_PAYMENT_REQUIRED, RequirementsBuilder.encodeHeader(pr));
    }

    @Test
    void v2RequirementShape() {
        ObjectNode r = builder.v2Requirement(BigInteger.valueOf(3_500_000));
        assertEquals("{\"scheme\":\"exact\",\"network\":\"eip155:84532\",\"amount\":\"3500000\","
                + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\",\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
                + "\"maxTimeoutSeconds\":60,\"extra\":{\"name\":\"USDC\",\"version\":\"2\"}}", X402Json.toJson(r));
        assertTrue(r.get("amount").isTextual(), "amount is a string");
        assertTrue(r.get("maxTimeoutSeconds").isInt(), "maxTimeoutSeconds is a number");
    }

    @Test
    void v2ErrorIsOmittedWhenNull() {
        ObjectNode pr = builder.v2PaymentRequired(resource, BigInteger.ONE, null);
        assertFalse(pr.has("error"));
        assertEquals(3, pr.size());
    }

    @Test
    void v2HeaderDecodesBackToTheSameTree() throws Exception {
        ObjectNode pr = builder.v2PaymentRequired(resource, BigInteger.valueOf(3_500_000), "Payment required");
        assertEquals(pr, X402Json.fromBase64Json(RequirementsBuilder.encodeHeader(pr)));
    }

    @Test
    void v1BodyShapeAsX402Express() {
        ObjectNode body = builder.v1PaymentRequired(
                new ResourceInfo("https://gw.example/api/generate", "AI video", "application/json"), BigInteger.valueOf(3_500_000), null, "post");
        assertEquals("{\"x402Version\":1,\"error\":\"X-PAYMENT header is required\",\"accepts\":[{"
                + "\"scheme\":\"exact\",\"network\":\"base-sepolia\",\"maxAmountRequired\":\"3500000\","
                + "\"resource\":\"https://gw.example/api/generate\",\"description\":\"AI video\",\"mimeType\":\"application/json\","
                + "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\",\"maxTimeoutSeconds\":60,"
                + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\","
                + "\"outputSchema\":{\"input\":{\"type\":\"http\",\"method\":\"POST\",\"discoverable\":true}},"
                + "\"extra\":{\"name\":\"USDC\",\"version\":\"2\"}}]}", X402Json.toJson(body));
    }

    @Test
    void v1RequirementWithoutMethodHasNoOutputSchema() {
        assertFalse(builder.v1Requirement(resource, BigInteger.TEN).has("outputSchema"));
    }

    @Test
    void gatewayCanAddItsSeedFields() {
        ObjectNode body = builder.v1PaymentRequired(resource, BigInteger.valueOf(3_500_000), "Payment required", null);
        body.put("paymentRequired", true);
        body.put("price", UsdcAmount.toUsd(BigInteger.valueOf(3_500_000)));
        assertTrue(X402Json.toJson(body).endsWith(",\"paymentRequired\":true,\"price\":3.5}"), X402Json.toJson(body));
    }

    @Test
    void payToAndAssetAreChecksummedEvenIfConfiguredLowercase() {
        RequirementsBuilder b = new RequirementsBuilder(Fixtures.settings(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO.toLowerCase())));
        assertEquals(Fixtures.PAY_TO, b.v2Requirement(BigInteger.ONE).get("payTo").asText());
    }

    @Test
    void customChainOffersNoV1() {
        RequirementsBuilder b = new RequirementsBuilder(Fixtures.settings(Map.of(X402Settings.NETWORK, "eip155:31337",
                X402Settings.ASSET, "0x5FbDB2315678afecb367f032d93F642f64180aa3", X402Settings.ASSET_NAME, "Local USD", X402Settings.ASSET_VERSION, "1")));
        assertFalse(b.offersV1());
        assertTrue(builder.offersV1());
        assertEquals("eip155:31337", b.v2Requirement(BigInteger.ONE).get("network").asText());
        assertThrows(IllegalStateException.class, () -> b.v1Requirement(resource, BigInteger.ONE));
    }

    @Test
    void nonPositiveAmountsAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> builder.v2Requirement(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.v1Requirement(resource, BigInteger.valueOf(-1)));
    }

    @Test
    void requirementForPicksTheVersionShape() {
        assertTrue(builder.requirementFor(1, resource, BigInteger.TEN, null).has("maxAmountRequired"));
        assertTrue(builder.requirementFor(2, resource, BigInteger.TEN, null).has("amount"));
        assertThrows(IllegalArgumentException.class, () -> builder.requirementFor(3, resource, BigInteger.TEN, null));
    }
}
