package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The facilitator's /settle answer to a verdict, with no Camel in sight (the routes branch on the verdict's kind). */
class SettleRulesTest {

    private static final String TX = "0x" + "ab".repeat(32);

    private static SettleVerdict answered(Integer status, String body) {
        return SettleRules.verdict(SettleAnswer.answered(status, body));
    }

    @Test
    void aSuccessIsSettledInItsTransaction() {
        SettleVerdict verdict = answered(200, "{\"success\":true,\"transaction\":\"" + TX + "\",\"network\":\"eip155:84532\"}");
        assertEquals(new SettleVerdict.Settled(TX), verdict);
        assertEquals("settled", verdict.kind());
    }

    @Test
    void aRefusalIsRefusedWithItsReasonAndRedactedWords() {
        // the facilitator's 4xx carries the same shape as its 200
        SettleVerdict verdict = answered(400, "{\"success\":false,\"errorReason\":\"insufficient_funds\","
                + "\"errorMessage\":\"balance too low for sig 0x" + "cd".repeat(40) + "\",\"transaction\":\"\",\"network\":\"eip155:84532\"}");
        assertEquals(new SettleVerdict.Refused("insufficient_funds: balance too low for sig [redacted]"), verdict);
        assertEquals("refused", verdict.kind());
        // no reason, or one that is not a code: the generic code, never the facilitator's free text
        assertEquals(new SettleVerdict.Refused("settlement_failed"), answered(200, "{\"success\":false}"));
        assertEquals(new SettleVerdict.Refused("settlement_failed"), answered(200, "{\"success\":false,\"errorReason\":\"no way <b>\"}"));
    }

    @Test
    void theFacilitatorsOwnFailureIsUnknown() {
        for (Integer status : new Integer[] {500, 502, 503, 401, 403, null}) {
            SettleVerdict verdict = answered(status, "{\"success\":false,\"errorReason\":\"insufficient_funds\"}");
            assertEquals(new SettleVerdict.Unknown("the facilitator answered HTTP " + status + " (settle)"), verdict, "HTTP " + status);
            assertEquals("unknown", verdict.kind());
        }
    }

    @Test
    void anUnreadableAnswerIsUnknown() {
        SettleVerdict.Unknown unreadable = new SettleVerdict.Unknown("the facilitator's settle answer was unreadable");
        assertEquals(unreadable, answered(200, "<html>bad gateway</html>"));
        assertEquals(unreadable, answered(200, ""));
        assertEquals(unreadable, answered(200, null));
        assertEquals(unreadable, answered(200, "{\"transaction\":\"" + TX + "\"}"), "no success field");
        assertEquals(unreadable, answered(200, "{\"success\":true,\"transaction\":\"\",\"network\":\"eip155:84532\"}"),
                "a success that names no transaction");
    }

    @Test
    void noAnswerIsUnknownAndSaysWhy() {
        assertEquals(new SettleVerdict.Unknown("the facilitator did not answer in time (settle)"),
                SettleRules.verdict(SettleAnswer.noAnswer(new SocketTimeoutException("Read timed out"))));
        assertEquals(new SettleVerdict.Unknown("the facilitator did not answer in time (settle)"),
                SettleRules.verdict(SettleAnswer.noAnswer(new IOException("wrapped", new SocketTimeoutException()))), "a cause counts");
        assertEquals(new SettleVerdict.Unknown("the facilitator could not be reached (settle)"),
                SettleRules.verdict(SettleAnswer.noAnswer(new ConnectException("Connection refused"))));
        assertEquals(new SettleVerdict.Unknown("the facilitator could not be reached (settle)"),
                SettleRules.verdict(SettleAnswer.noAnswer(null)));
    }

    @Test
    void aRefusalOnTheSecondSettleIsUnknown() {
        SettleVerdict.Unknown verdict = SettleRules.refusedOnSecondSettle(new SettleVerdict.Refused("invalid_transaction_state"));
        assertEquals("the second settle was refused (invalid_transaction_state)", verdict.why());
        assertEquals("unknown", verdict.kind());
    }

    @Test
    void theHeaderPassesOnWhatTheFacilitatorAnswered() {
        PaymentPayload v2 = PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.SPEC_V2_PAYMENT_SIGNATURE);
        ResponseHeader settled = SettlementHeader.forVerdict(new SettleVerdict.Settled(TX), v2).orElseThrow();
        assertEquals("PAYMENT-RESPONSE", settled.name());
        assertEquals(new SettleResult(true, Optional.empty(), Optional.empty(), TX, "eip155:84532", Optional.of(Fixtures.PAYER)),
                SettlementHeader.decode(settled.value()));

        PaymentPayload v1 = PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.SPEC_V1_X_PAYMENT);
        ResponseHeader refused = SettlementHeader.forVerdict(new SettleVerdict.Refused("insufficient_funds: low"), v1).orElseThrow();
        assertEquals("X-PAYMENT-RESPONSE", refused.name());
        // a refusal is told as settlement_failed (the facilitator's words stay in our logs and our 402's message)
        assertEquals(new SettleResult(false, Optional.of("settlement_failed"), Optional.empty(), "", "base-sepolia",
                Optional.of(Fixtures.PAYER)), SettlementHeader.decode(refused.value()));

        assertEquals(Optional.empty(), SettlementHeader.forVerdict(new SettleVerdict.Unknown("no answer"), v2),
                "while unknown there is nothing to pass on");
    }

    /** The settle core stands alone: no class of this package refers to Camel (compiled classes, so any layout). */
    @Test
    void thePackageKnowsNoCamel() throws URISyntaxException {
        Path dir = Path.of(SettleRules.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(SettleRules.class.getPackageName().replace('.', '/'));
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(classes.stream().anyMatch(f -> f.getFileName().toString().equals("SettleVerdict$Refused.class")), classes.toString());
        for (Path file : classes) {
            String bytes;
            try {
                bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertFalse(bytes.contains("org/apache/camel"), file + " refers to Camel");
        }
    }
}
