package dev.videogate.kie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The credit balance is read again only when the last reading is older than the refresh, or was unreadable. */
class CreditBalanceTest {

    @Test
    void readOncePerRefresh() {
        AtomicLong now = new AtomicLong(1_000);
        CreditBalance balance = new CreditBalance(60_000, now::get);
        assertTrue(balance.stale(), "never read");
        balance.remember(new BigDecimal("9970"));
        assertFalse(balance.stale());
        assertEquals(new BigDecimal("9970"), balance.last());
        now.addAndGet(59_999);
        assertFalse(balance.stale());
        now.addAndGet(1);
        assertTrue(balance.stale(), "a minute later it is read again");
        balance.remember(null);
        assertTrue(balance.stale(), "an unreadable answer does not count as a reading");
        assertEquals(new BigDecimal("9970"), balance.last());
    }

    @Test
    void zeroMeansEveryTime() {
        CreditBalance balance = new CreditBalance(0, () -> 5);
        balance.remember(BigDecimal.ONE);
        assertTrue(balance.stale());
    }
}
