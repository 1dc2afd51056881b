package dev.videogate.kie;

import java.math.BigDecimal;
import java.util.function.LongSupplier;
import org.apache.camel.Variable;

/**
 * Kie.ai's credit balance, read with chat/credit at most once per app.kie.credits-refresh-ms (0: on every finished
 * generation). The balance only decorates the answer (credits.remaining); reading it for each video would cost a
 * third Kie.ai call per generation and eat into Kie.ai's per-account rate limits under load.
 */
public class CreditBalance {

    private final long refreshMs;
    private final LongSupplier clock;
    private volatile BigDecimal last;
    private volatile long readAt = Long.MIN_VALUE / 2;

    /** On the system clock: the bean routes/00-beans.yaml declares. */
    public CreditBalance(long refreshMs) {
        this(refreshMs, System::currentTimeMillis);
    }

    public CreditBalance(long refreshMs, LongSupplier clock) {
        this.refreshMs = refreshMs;
        this.clock = clock;
    }

    /** Whether the next finished generation should read the balance again. */
    public boolean stale() {
        return refreshMs <= 0 || last == null || clock.getAsLong() - readAt >= refreshMs;
    }

    /** A fresh reading (null when unreadable: kept stale, so the next generation asks again). */
    public BigDecimal remember(@Variable("creditsRemaining") BigDecimal credits) {
        if (credits != null) {
            last = credits;
            readAt = clock.getAsLong();
        }
        return credits;
    }

    /** The last reading, for a generation that does not read it again. */
    public BigDecimal last() {
        return last;
    }
}
