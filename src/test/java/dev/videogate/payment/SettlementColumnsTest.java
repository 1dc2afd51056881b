package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.videogate.x402.SettleVerdict;
import org.junit.jupiter.api.Test;

/** A settle verdict as the columns record-settlement.sql writes (payment_status, payment_tx, payment_error). */
class SettlementColumnsTest {

    private static final String TX = "0x" + "ef".repeat(32);

    @Test
    void settledKeepsItsTransaction() {
        Settlement settled = new Settlement("gen_1", new SettleVerdict.Settled(TX));
        assertEquals("settled", settled.kind());
        assertEquals("settled", settled.paymentStatus());
        assertEquals(TX, settled.transaction());
        assertNull(settled.paymentError());
    }

    @Test
    void refusedIsFailedWithItsReason() {
        Settlement refused = new Settlement("gen_1", new SettleVerdict.Refused("insufficient_funds: low"));
        assertEquals("refused", refused.kind());
        assertEquals("failed", refused.paymentStatus());
        assertNull(refused.transaction(), "payment_tx keeps what it had");
        assertEquals("insufficient_funds: low", refused.paymentError());
        assertEquals("insufficient_funds: low", refused.reason());
    }

    @Test
    void unknownIsSettleUnknownAndSaysWhy() {
        Settlement unknown = new Settlement("gen_1", new SettleVerdict.Unknown("the facilitator could not be reached (settle)"));
        assertEquals("unknown", unknown.kind());
        assertEquals("settle_unknown", unknown.paymentStatus());
        assertNull(unknown.transaction());
        assertEquals("settlement_unanswered: the facilitator could not be reached (settle)", unknown.paymentError());
        assertEquals("the facilitator could not be reached (settle)", unknown.why());
    }
}
