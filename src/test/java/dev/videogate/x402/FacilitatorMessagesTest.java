package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FacilitatorMessagesTest {

    private final RequirementsBuilder builder = new RequirementsBuilder(Fixtures.settings(Map.of()));
    private final ResourceInfo resource = new ResourceInfo("https://api.example.com/premium-data", "Access to premium market data", "application/json");

    @Test
    void v2VerifyBodyCarriesTheOriginalPayloadAndOurRequirement() throws Exception {
        PaymentPayload p = PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.SPEC_V2_PAYMENT_SIGNATURE);
        ObjectNode req = builder.requirementFor(2, resource, BigInteger.valueOf(10_000), null);
        ObjectNode body = FacilitatorMessages.verifyRequest(p, req);
        assertEquals(3, body.size());
        assertEquals(2, body.get("x402Version").intValue());
        assertEquals(Fixtures.specV2(), body.get("paymentPayload"));
        assertEquals(req, body.get("paymentRequirements"));
        // what the client accepted is, field for field, what we send as requirements (the TS server's deepEqual)
        assertEquals(Fixtures.specV2().get("accepted"), body.get("paymentRequirements"));
        String json = X402Json.toJson(body);
        assertTrue(json.startsWith("{\"x402Version\":2,\"paymentPayload\":{\"x402Version\":2,\"resource\":"), json);
    }

    @Test
    void v1SettleBodyUsesTheV1Requirement() throws Exception {
        PaymentPayload p = PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.SPEC_V1_X_PAYMENT);
        ObjectNode body = FacilitatorMessages.settleRequest(p, builder.requirementFor(1, resource, BigInteger.valueOf(10_000), "POST"));
        assertEquals(1, body.get("x402Version").intValue());
        assertEquals(Fixtures.specV1(), body.get("paymentPayload"));
        assertEquals("10000", body.get("paymentRequirements").get("maxAmountRequired").asText());
        assertEquals("base-sepolia", body.get("paymentRequirements").get("network").asText());
    }

    @Test
    void requestBodyIsACopy() throws Exception {
        PaymentPayload p = PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.SPEC_V1_X_PAYMENT);
        ObjectNode body = FacilitatorMessages.verifyRequest(p, builder.v1Requirement(resource, BigInteger.TEN));
        ((ObjectNode) body.get("paymentPayload")).put("x402Version", 9);
        assertEquals(1, p.original().get("x402Version").intValue());
    }

    @Test
    void parsesVerifyAnswers() {
        VerifyResult ok = FacilitatorMessages.parseVerify("{\"isValid\":true,\"payer\":\"" + Fixtures.PAYER + "\",\"extensions\":{}}");
        assertTrue(ok.isValid());
        assertEquals(Fixtures.PAYER, ok.payer().orElseThrow());
        assertTrue(ok.invalidReason().isEmpty());
        VerifyResult no = FacilitatorMessages.parseVerify(
                "{\"isValid\":false,\"invalidReason\":\"invalid_exact_evm_insufficient_balance\",\"invalidMessage\":null,\"payer\":\"0x1\",\"future\":[1]}");
        assertFalse(no.isValid());
        assertEquals("invalid_exact_evm_insufficient_balance", no.invalidReason().orElseThrow());
        assertTrue(no.invalidMessage().isEmpty(), "null counts as absent");
    }

    @Test
    void parsesSettleAnswers() {
        SettleResult ok = FacilitatorMessages.parseSettle("{\"success\":true,\"transaction\":\"0xabc\",\"network\":\"eip155:84532\",\"payer\":\"" + Fixtures.PAYER + "\",\"amount\":\"1\"}");
        assertTrue(ok.success());
        assertEquals("0xabc", ok.transaction());
        assertEquals("eip155:84532", ok.network());
        SettleResult failed = FacilitatorMessages.parseSettle(
                "{\"success\":false,\"errorReason\":\"invalid_exact_evm_transaction_simulation_failed\",\"errorMessage\":\"replay\"}");
        assertFalse(failed.success());
        assertEquals("", failed.transaction());
        assertEquals("invalid_exact_evm_transaction_simulation_failed", failed.errorReason().orElseThrow());
        assertEquals("replay", failed.errorMessage().orElseThrow());
    }

    @Test
    void malformedAnswersAreFacilitatorErrors() {
        assertThrows(FacilitatorResponseException.class, () -> FacilitatorMessages.parseVerify("<html>Bad Gateway</html>"));
        assertThrows(FacilitatorResponseException.class, () -> FacilitatorMessages.parseVerify("{\"isValid\":\"yes\"}"));
        assertThrows(FacilitatorResponseException.class, () -> FacilitatorMessages.parseVerify(""));
        assertThrows(FacilitatorResponseException.class, () -> FacilitatorMessages.parseSettle("{\"transaction\":\"0x1\"}"));
        FacilitatorResponseException e = assertThrows(FacilitatorResponseException.class,
                () -> FacilitatorMessages.parseSettle("{\"success\":true,\"network\":\"eip155:84532\"}"));
        assertTrue(e.getMessage().contains("without transaction"), e.getMessage());
        String longBody = "x".repeat(5000);
        assertTrue(assertThrows(FacilitatorResponseException.class, () -> FacilitatorMessages.parseSettle(longBody)).getMessage().length() < 300);
    }

    @Test
    void readsSupportedKinds() {
        String supported = "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:84532\"},"
                + "{\"x402Version\":1,\"scheme\":\"exact\",\"network\":\"base-sepolia\"}],\"extensions\":[],\"signers\":{\"eip155:*\":[\"0x1\"]}}";
        assertTrue(FacilitatorMessages.supports(supported, 2, "exact", "eip155:84532"));
        assertTrue(FacilitatorMessages.supports(supported, 1, "exact", "base-sepolia"));
        assertFalse(FacilitatorMessages.supports(supported, 1, "exact", "eip155:84532"));
        assertThrows(FacilitatorResponseException.class, () -> FacilitatorMessages.supports("{}", 2, "exact", "eip155:84532"));
    }
}
