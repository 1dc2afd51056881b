package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The x402 gate core on its own, values in and verdicts out (no Camel, no HTTP): the two payment header values and
 * the expected payment give challenge, refused or payment; the facilitator's /verify answer gives valid, refused or
 * unavailable. The spec's example payments (10000 units, Base Sepolia USDC to PAY_TO) are the inputs.
 */
class PaymentGateTest {

    private static final PaymentGate GATE = new PaymentGate(Fixtures.settings(Map.of()), Fixtures.CLOCK);
    private static final ResourceInfo RESOURCE = new ResourceInfo("https://gw.example/api/generate", "AI video generation (sora-2)",
            "application/json");

    /** The spec example's 65 s authorization is accepted by the facilitator's 6 s floor (the bundle's own: LocalPaymentCheckTest). */
    private static ExpectedPayment expected(long amount) {
        ExpectedPayment base = GATE.expected(BigInteger.valueOf(amount));
        return new ExpectedPayment(base.network(), base.asset(), base.payTo(), base.amount(), 6, base.maxValiditySeconds());
    }

    @Test
    void noHeaderIsAChallenge() {
        GateVerdict verdict = GATE.check(null, null, expected(10_000), RESOURCE);
        assertInstanceOf(GateVerdict.Challenge.class, verdict);
        assertEquals("challenge", verdict.kind());
    }

    @Test
    void aPaymentForExactlyThisRequestIsTakenInEitherVersion() {
        GateVerdict.Payment v2 = assertInstanceOf(GateVerdict.Payment.class,
                GATE.check(Fixtures.SPEC_V2_PAYMENT_SIGNATURE, null, expected(10_000), RESOURCE));
        assertEquals("payment", v2.kind());
        assertEquals(2, v2.payload().x402Version());
        assertEquals("10000", v2.requirement().get("amount").asText(), "the v2 requirement to verify against: " + v2.requirement());
        assertEquals(PaymentIdentity.of(v2.payload(), expected(10_000).asset()).key(), v2.paymentKey());

        GateVerdict.Payment v1 = assertInstanceOf(GateVerdict.Payment.class,
                GATE.check(null, Fixtures.SPEC_V1_X_PAYMENT, expected(10_000), RESOURCE));
        assertEquals(1, v1.payload().x402Version());
        assertEquals("10000", v1.requirement().get("maxAmountRequired").asText(), v1.requirement().toString());
        assertEquals(v2.paymentKey(), v1.paymentKey(), "the same signed authorization is the same payment in v1 and v2");

        GateVerdict.Payment both = assertInstanceOf(GateVerdict.Payment.class,
                GATE.check(Fixtures.SPEC_V2_PAYMENT_SIGNATURE, "not read", expected(10_000), RESOURCE));
        assertEquals(2, both.payload().x402Version(), "with both headers, v2 is read");
    }

    @Test
    void aPaymentThatDoesNotPayForThisRequestIsRefusedWithItsReason() {
        GateVerdict.Refused price = assertInstanceOf(GateVerdict.Refused.class,
                GATE.check(Fixtures.SPEC_V2_PAYMENT_SIGNATURE, null, expected(3_500_000), RESOURCE));
        assertEquals("refused", price.kind());
        assertEquals(RejectionReasons.AUTHORIZATION_VALUE, price.refusal().reason());
        assertEquals(Refusal.PAYMENT_INVALID, price.refusal().code());
        assertTrue(price.refusal().message().contains("3500000"), price.refusal().message());

        GateVerdict.Refused garbage = assertInstanceOf(GateVerdict.Refused.class, GATE.check("%%% not base64", null, expected(10_000), RESOURCE));
        assertEquals(RejectionReasons.INVALID_PAYMENT_HEADER, garbage.refusal().reason());
        assertFalse(garbage.refusal().message().contains("%%%"), "the header is not echoed: " + garbage.refusal().message());

        PaymentGate elsewhere = new PaymentGate(Fixtures.settings(Map.of(X402Settings.NETWORK, "base")), Fixtures.CLOCK);
        GateVerdict.Refused network = assertInstanceOf(GateVerdict.Refused.class,
                elsewhere.check(Fixtures.SPEC_V2_PAYMENT_SIGNATURE, null, elsewhere.expected(BigInteger.valueOf(10_000)), RESOURCE));
        assertEquals(RejectionReasons.NETWORK_MISMATCH, network.refusal().reason());
    }

    @Test
    void theFacilitatorsYesIsValid() {
        VerifyVerdict verdict = GATE.verified(200, "{\"isValid\":true,\"payer\":\"" + Fixtures.PAYER + "\"}");
        assertInstanceOf(VerifyVerdict.Valid.class, verdict);
        assertEquals("valid", verdict.kind());
    }

    @Test
    void theFacilitatorsNoIsARefusalWithARedactedMessage() {
        // a 4xx body carries the same shape; the words may quote the payment, only a code and a short text go on
        VerifyVerdict.Refused refused = assertInstanceOf(VerifyVerdict.Refused.class, GATE.verified(400,
                "{\"isValid\":false,\"invalidReason\":\"insufficient_funds\",\"invalidMessage\":\"balance too low\"}"));
        assertEquals("refused", refused.kind());
        assertEquals("insufficient_funds", refused.refusal().reason());
        assertEquals(Refusal.PAYMENT_INVALID, refused.refusal().code());
        assertEquals("The facilitator refused the payment: insufficient_funds (balance too low)", refused.refusal().message());

        VerifyVerdict.Refused odd = assertInstanceOf(VerifyVerdict.Refused.class,
                GATE.verified(200, "{\"isValid\":false,\"invalidReason\":\"<script>alert(1)</script>\"}"));
        assertEquals("invalid_payment", odd.refusal().reason(), "a reason that is not a code is replaced");
    }

    @Test
    void aFailingOrUnreadableFacilitatorIsUnavailable() {
        for (Integer status : new Integer[] {500, 502, 401, 403, null}) {
            VerifyVerdict verdict = GATE.verified(status, "{\"isValid\":false,\"invalidReason\":\"x\"}");
            VerifyVerdict.Unavailable down = assertInstanceOf(VerifyVerdict.Unavailable.class, verdict, "HTTP " + status);
            assertEquals("unavailable", down.kind());
            assertEquals("answered HTTP " + status, down.what());
        }
        assertEquals(new VerifyVerdict.Unavailable("gave an unreadable answer"), GATE.verified(200, "<html>gateway</html>"));
        assertEquals(new VerifyVerdict.Unavailable("gave an unreadable answer"), GATE.verified(200, "{\"payer\":\"0x\"}"));
    }

    @Test
    void theCoreKnowsNoCamel() throws Exception {
        // what the compiled classes refer to (their constant pools), nested verdict records included
        for (Class<?> type : new Class<?>[] {PaymentGate.class, GateVerdict.class, GateVerdict.Free.class, GateVerdict.Challenge.class,
                GateVerdict.Refused.class, GateVerdict.Payment.class, VerifyVerdict.class, VerifyVerdict.Valid.class,
                VerifyVerdict.Refused.class, VerifyVerdict.Unavailable.class, Refusal.class}) {
            String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
            try (var in = type.getResourceAsStream(file)) {
                String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(classFile.contains("dev/videogate/x402"), file + " read");
                assertFalse(classFile.contains("org/apache/camel"), file + " refers to Camel");
            }
        }
    }
}
