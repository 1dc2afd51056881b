package dev.videogate.support;

import java.time.Duration;

/** Waits for a condition instead of sleeping: fails with what was awaited when the time is up. */
public final class Await {

    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true after " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
