package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PaymentPayloadDecoderTest {

    private static PaymentRejected rejected(String header, String value) {
        return assertThrows(PaymentRejected.class, () -> PaymentPayloadDecoder.decode(header, value));
    }

    private static PaymentRejected rejectedV2(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = Fixtures.specV2();
        change.accept(n);
        return rejected("PAYMENT-SIGNATURE", Fixtures.base64(n));
    }

    private static PaymentRejected rejectedV1(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = Fixtures.specV1();
        change.accept(n);
        return rejected("X-PAYMENT", Fixtures.base64(n));
    }

    @Test
    void decodesTheSpecV2Example() throws Exception {
        PaymentPayload p = PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.SPEC_V2_PAYMENT_SIGNATURE);
        assertEquals(2, p.x402Version());
        assertEquals("exact", p.scheme());
        assertSame(X402Network.BASE_SEPOLIA, p.network());
        AcceptedRequirement a = p.accepted().orElseThrow();
        assertEquals(BigInteger.valueOf(10_000), a.amount());
        assertEquals(Fixtures.USDC_BASE_SEPOLIA, a.asset());
        assertEquals(Fixtures.PAY_TO, a.payTo());
        assertEquals(60, a.maxTimeoutSeconds());
        assertEquals("USDC", a.extra().get("name").asText());
        Authorization auth = p.authorization();
        assertEquals(EvmAddress.parse(Fixtures.PAYER), auth.from());
        assertEquals(EvmAddress.parse(Fixtures.PAY_TO), auth.to());
        assertEquals(BigInteger.valueOf(10_000), auth.value());
        assertEquals(Fixtures.VALID_AFTER, auth.validAfter());
        assertEquals(Fixtures.VALID_BEFORE, auth.validBefore());
        assertEquals(Fixtures.NONCE, auth.nonce());
        assertEquals(Fixtures.SIGNATURE, p.signature().orElseThrow());
        assertEquals(Fixtures.specV2(), p.original());
        assertEquals(EvmAddress.parse(Fixtures.PAYER), p.payer());
    }

    @Test
    void decodesTheSpecV1Example() throws Exception {
        PaymentPayload p = PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.SPEC_V1_X_PAYMENT);
        assertEquals(1, p.x402Version());
        assertSame(X402Network.BASE_SEPOLIA, p.network());
        assertTrue(p.accepted().isEmpty());
        assertEquals(BigInteger.valueOf(10_000), p.authorization().value());
        assertEquals(Fixtures.specV1(), p.original());
    }

    @Test
    void decodesAHeaderShapedLikeTheOfficialTypeScriptClient() {
        PaymentPayload p = PaymentPayloadDecoder.decode("payment-signature", Fixtures.base64(Fixtures.TS_CLIENT_V2_JSON));
        assertEquals(BigInteger.valueOf(3_500_000), p.authorization().value());
        assertEquals(1740671500L, p.authorization().validAfter());
        assertEquals(300, p.accepted().orElseThrow().maxTimeoutSeconds());
        // the original tree re-serialises to exactly what the client sent (key order included)
        assertEquals(Fixtures.TS_CLIENT_V2_JSON, X402Json.toJson(p.original()));
    }

    @Test
    void roundTripsBothVersionsThroughOurOwnEncoding() throws Exception {
        for (String header : new String[] {"PAYMENT-SIGNATURE", "X-PAYMENT"}) {
            ObjectNode tree = header.equals("X-PAYMENT") ? Fixtures.specV1() : Fixtures.specV2();
            PaymentPayload p = PaymentPayloadDecoder.decode(header, X402Json.toBase64Json(tree));
            assertEquals(tree, p.original());
            assertEquals(Fixtures.specV2().get("payload"), p.original().get("payload"), "same authorization in both versions");
        }
    }

    @Test
    void unpaddedBase64IsAccepted() {
        String unpadded = Fixtures.SPEC_V1_X_PAYMENT.replace("=", "");
        assertEquals(1, PaymentPayloadDecoder.decode("X-PAYMENT", unpadded).x402Version());
    }

    @Test
    void headerLevelMalformations() {
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", "").reason());
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", null).reason());
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", "not base64!").reason());
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", "eyJ4").reason(), "truncated base64 -> not JSON");
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", "a").reason(), "impossible base64 length");
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", Fixtures.base64("[1,2]")).reason());
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", Fixtures.base64("{\"a\":1,\"a\":2}")).reason(), "duplicate keys");
        // URL-safe alphabet is not what x402 sends
        assertEquals("invalid_payment_header", rejected("X-PAYMENT", Fixtures.SPEC_V1_X_PAYMENT.replace('+', '-') + "-_").reason());
    }

    @Test
    void oversizedHeaderIsRefusedBeforeDecoding() {
        PaymentRejected e = rejected("PAYMENT-SIGNATURE", "A".repeat(PaymentPayloadDecoder.MAX_HEADER_CHARS + 4));
        assertEquals("invalid_payment_header", e.reason());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void versionMustMatchTheHeader() throws Exception {
        assertEquals("invalid_x402_version", rejected("X-PAYMENT", Fixtures.SPEC_V2_PAYMENT_SIGNATURE).reason());
        assertEquals("invalid_x402_version", rejected("PAYMENT-SIGNATURE", Fixtures.SPEC_V1_X_PAYMENT).reason());
        assertEquals("invalid_x402_version", rejectedV2(n -> n.put("x402Version", 3)).reason());
        assertEquals("invalid_x402_version", rejectedV2(n -> n.put("x402Version", "2")).reason());
        assertEquals("invalid_x402_version", rejectedV1(n -> n.remove("x402Version")).reason());
    }

    @Test
    void unknownHeaderNameIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> PaymentPayloadDecoder.decode("Authorization", "x"));
    }

    @Test
    void onlyExactIsSupported() throws Exception {
        assertEquals("unsupported_scheme", rejectedV2(n -> ((ObjectNode) n.get("accepted")).put("scheme", "upto")).reason());
        assertEquals("unsupported_scheme", rejectedV1(n -> n.put("scheme", "streaming")).reason());
    }

    @Test
    void networkMustBeKnownAndInTheVersionsSpelling() throws Exception {
        assertEquals("invalid_network", rejectedV2(n -> ((ObjectNode) n.get("accepted")).put("network", "solana")).reason());
        assertEquals("invalid_network", rejectedV2(n -> ((ObjectNode) n.get("accepted")).put("network", "base-sepolia")).reason());
        assertEquals("invalid_network", rejectedV1(n -> n.put("network", "eip155:84532")).reason());
        assertEquals("invalid_network", rejectedV1(n -> n.put("network", "eip155:31337")).reason());
    }

    @Test
    void customChainDecodesInV2() throws Exception {
        ObjectNode n = Fixtures.specV2();
        ((ObjectNode) n.get("accepted")).put("network", "eip155:31337");
        assertEquals(31337, PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.base64(n)).network().chainId());
    }

    @Test
    void structuralMalformationsAreInvalidPayload() throws Exception {
        assertEquals("invalid_payload", rejectedV2(n -> n.remove("accepted")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> n.remove("payload")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> ((ObjectNode) n.get("payload")).remove("authorization")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("value", 10000)).reason(), "value must be a string");
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("value", "-1")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("value", "1.5")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("validBefore", "soon")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("nonce", "0x1234")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("from", "0x857B06519E91e3A54538791bDbb0E22373e36b66")).reason(), "bad checksum");
        assertEquals("invalid_payload", rejectedV2(n -> auth(n).put("to", "vitalik.eth")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> ((ObjectNode) n.get("payload")).put("signature", "not hex")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> ((ObjectNode) n.get("accepted")).put("amount", "3.5")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> ((ObjectNode) n.get("accepted")).put("maxTimeoutSeconds", "60")).reason());
        assertEquals("invalid_payload", rejectedV2(n -> ((ObjectNode) n.get("accepted")).put("extra", "USDC")).reason());
        PaymentRejected e = rejectedV1(n -> ((ObjectNode) n.get("payload").get("authorization")).remove("nonce"));
        assertEquals("payload.authorization.nonce is missing or not a string", e.getMessage());
    }

    @Test
    void missingSignatureIsLeftForTheCheck() throws Exception {
        ObjectNode n = Fixtures.specV1();
        ((ObjectNode) n.get("payload")).remove("signature");
        assertTrue(PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.base64(n)).signature().isEmpty());
    }

    @Test
    void hugeTimestampsClampInsteadOfOverflowing() throws Exception {
        ObjectNode n = Fixtures.specV2();
        auth(n).put("validBefore", "115792089237316195423570985008687907853269984665640564039457584007913129639935");
        assertEquals(Long.MAX_VALUE, PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.base64(n)).authorization().validBefore());
    }

    private static ObjectNode auth(ObjectNode root) {
        return (ObjectNode) root.get("payload").get("authorization");
    }
}
