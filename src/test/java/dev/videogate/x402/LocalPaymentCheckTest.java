package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each refusal in isolation, starting from the spec's (otherwise acceptable) example payment of 10000 units. */
class LocalPaymentCheckTest {

    private static final X402Settings SETTINGS = Fixtures.settings(Map.of());
    // the spec's example authorization is valid for 65 s: held to the facilitator's own 6 s floor here, the
    // bundle's stricter window is tested on its own below
    private static final ExpectedPayment EXPECTED = withWindow(6, 300);

    private static ExpectedPayment withWindow(long min, long max) {
        ExpectedPayment base = ExpectedPayment.of(SETTINGS, BigInteger.valueOf(10_000));
        return new ExpectedPayment(base.network(), base.asset(), base.payTo(), base.amount(), min, max);
    }

    private static PaymentPayload v2(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = Fixtures.specV2();
        change.accept(n);
        return PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.base64(n));
    }

    private static PaymentPayload v1(Consumer<ObjectNode> change) throws Exception {
        ObjectNode n = Fixtures.specV1();
        change.accept(n);
        return PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.base64(n));
    }

    private static String reason(PaymentPayload p, ExpectedPayment expected, Clock clock) {
        return assertThrows(PaymentRejected.class, () -> LocalPaymentCheck.check(p, expected, clock)).reason();
    }

    private static String reason(PaymentPayload p) {
        return reason(p, EXPECTED, Fixtures.CLOCK);
    }

    private static ObjectNode auth(ObjectNode root) {
        return (ObjectNode) root.get("payload").get("authorization");
    }

    private static ObjectNode accepted(ObjectNode root) {
        return (ObjectNode) root.get("accepted");
    }

    @Test
    void theSpecExamplesPass() throws Exception {
        LocalPaymentCheck.check(v2(n -> { }), EXPECTED, Fixtures.CLOCK);
        LocalPaymentCheck.check(v1(n -> { }), EXPECTED, Fixtures.CLOCK);
    }

    @Test
    void addressCaseDoesNotMatter() throws Exception {
        LocalPaymentCheck.check(v2(n -> {
            auth(n).put("to", Fixtures.PAY_TO.toLowerCase());
            accepted(n).put("payTo", Fixtures.PAY_TO.toLowerCase());
            accepted(n).put("asset", Fixtures.USDC_BASE_SEPOLIA.toUpperCase().replace("0X", "0x"));
        }), EXPECTED, Fixtures.CLOCK);
    }

    @Test
    void wrongScheme() throws Exception {
        PaymentPayload ok = v2(n -> { });
        PaymentPayload upto = new PaymentPayload(2, "upto", ok.network(), ok.accepted(), ok.signature(), ok.authorization(), ok.original());
        assertEquals("invalid_exact_evm_scheme", reason(upto));
    }

    @Test
    void wrongNetwork() throws Exception {
        assertEquals("invalid_exact_evm_network_mismatch", reason(v2(n -> accepted(n).put("network", "eip155:8453"))));
        assertEquals("invalid_exact_evm_network_mismatch", reason(v1(n -> n.put("network", "base"))));
    }

    @Test
    void wrongAsset() throws Exception {
        assertEquals("invalid_exact_evm_asset_mismatch",
                reason(v2(n -> accepted(n).put("asset", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"))));
    }

    @Test
    void recipientMismatch() throws Exception {
        String other = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assertEquals("invalid_exact_evm_recipient_mismatch", reason(v2(n -> auth(n).put("to", other))));
        assertEquals("invalid_exact_evm_recipient_mismatch", reason(v2(n -> accepted(n).put("payTo", other))));
        assertEquals("invalid_exact_evm_recipient_mismatch", reason(v1(n -> auth(n).put("to", other))));
    }

    @Test
    void amountMismatch() throws Exception {
        assertEquals("invalid_exact_evm_authorization_value", reason(v2(n -> auth(n).put("value", "9999"))));
        assertEquals("invalid_exact_evm_authorization_value", reason(v2(n -> auth(n).put("value", "10001"))), "overpaying is not exact either");
        assertEquals("invalid_exact_evm_authorization_value", reason(v2(n -> accepted(n).put("amount", "1"))));
        assertEquals("invalid_exact_evm_authorization_value", reason(v1(n -> auth(n).put("value", "1"))));
    }

    @Test
    void validBeforePastOrTooClose() throws Exception {
        PaymentPayload p = v2(n -> { });
        assertEquals("invalid_exact_evm_payload_authorization_valid_before", reason(p, EXPECTED, at(Fixtures.VALID_BEFORE + 1)));
        assertEquals("invalid_exact_evm_payload_authorization_valid_before", reason(p, EXPECTED, at(Fixtures.VALID_BEFORE - 5)));
        LocalPaymentCheck.check(p, EXPECTED, at(Fixtures.VALID_BEFORE - 6)); // exactly 6 s left is still fine, as in @x402/evm
    }

    @Test
    void theWholeRequestMustFitBeforeValidBefore() throws Exception {
        PaymentPayload p = v2(n -> { });
        ExpectedPayment sixtySeconds = withWindow(60, 330);
        assertEquals("invalid_exact_evm_payload_authorization_valid_before", reason(p, sixtySeconds, at(Fixtures.VALID_BEFORE - 59)));
        LocalPaymentCheck.check(p, sixtySeconds, at(Fixtures.VALID_BEFORE - 60));
        assertEquals(60, ExpectedPayment.of(SETTINGS, BigInteger.ONE).minValiditySeconds(), "60 s unless configured");
    }

    @Test
    void aWindowLongerThanAskedIsRefused() throws Exception {
        PaymentPayload p = v2(n -> { });
        ExpectedPayment asked = withWindow(6, 30); // the 402 asked for 30 s at most
        assertEquals("invalid_exact_evm_payload_authorization_valid_before", reason(p, asked, at(Fixtures.VALID_BEFORE - 31)));
        LocalPaymentCheck.check(p, asked, at(Fixtures.VALID_BEFORE - 30));
    }

    @Test
    void validAfterInTheFuture() throws Exception {
        PaymentPayload p = v1(n -> { });
        assertEquals("invalid_exact_evm_payload_authorization_valid_after", reason(p, EXPECTED, at(Fixtures.VALID_AFTER - 1)));
        LocalPaymentCheck.check(p, EXPECTED, at(Fixtures.VALID_AFTER));
    }

    @Test
    void missingSignature() throws Exception {
        assertEquals("invalid_exact_evm_payload_missing_signature", reason(v2(n -> ((ObjectNode) n.get("payload")).remove("signature"))));
        assertEquals("invalid_exact_evm_payload_missing_signature", reason(v1(n -> ((ObjectNode) n.get("payload")).put("signature", ""))));
    }

    @Test
    void messagesExplainTheFault() throws Exception {
        PaymentPayload p = v2(n -> auth(n).put("value", "9999"));
        PaymentRejected e = assertThrows(PaymentRejected.class, () -> LocalPaymentCheck.check(p, EXPECTED, Fixtures.CLOCK));
        assertEquals("authorization.value 9999 is not the exact price 10000 (atomic units)", e.getMessage());
    }

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
