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
        until(what, timeout, condition, () -> "");
    }

    /** As above; on timeout the failure also shows what {@code state} reports (e.g. the rows involved). */
    public static void until(String what, Duration timeout, Condition condition, State state) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true after " + timeout.toMillis() + " ms: " + what + " " + state.describe());
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    public interface State {
        String describe() throws Exception;
    }
}
