package dev.videogate.lifecycle;

import java.time.Duration;

/** Waits for a condition instead of sleeping: fails with what was awaited when the time is up. */
final class Await {

    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true after " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
