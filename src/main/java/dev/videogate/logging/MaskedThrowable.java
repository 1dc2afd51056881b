package dev.videogate.logging;

/**
 * A stand-in for an exception whose message (or a cause's) holds a secret: its text is the original class and the
 * masked message, its stack the original's. Log lines then read "dev.videogate.logging.MaskedThrowable:
 * java.io.IOException: ...", which also says that the exception was rewritten. Exceptions without secrets are
 * never copied, so their lines stay exactly as thrown.
 */
final class MaskedThrowable extends Throwable {

    private static final long serialVersionUID = 1L;

    private static final int MAX_DEPTH = 20;

    private MaskedThrowable(Throwable original, Throwable maskedCause) {
        super(text(original), maskedCause);
        setStackTrace(original.getStackTrace());
        for (Throwable suppressed : original.getSuppressed()) {
            addSuppressed(copy(suppressed, MAX_DEPTH));
        }
    }

    /** The throwable itself when nothing in its chain needs masking, else a masked copy of the chain. */
    static Throwable of(Throwable thrown) {
        return thrown == null || !needsMasking(thrown, 0) ? thrown : copy(thrown, 0);
    }

    private static Throwable copy(Throwable thrown, int depth) {
        Throwable cause = thrown.getCause();
        return new MaskedThrowable(thrown, cause == null || cause == thrown || depth >= MAX_DEPTH ? null : copy(cause, depth + 1));
    }

    private static String text(Throwable original) {
        String message = original.getMessage();
        return original.getClass().getName() + (message == null ? "" : ": " + SecretMask.apply(message));
    }

    private static boolean needsMasking(Throwable thrown, int depth) {
        if (thrown == null || depth > MAX_DEPTH) {
            return false;
        }
        String message = thrown.getMessage();
        if (message != null && !message.equals(SecretMask.apply(message))) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (needsMasking(suppressed, depth + 1)) {
                return true;
            }
        }
        return thrown.getCause() != thrown && needsMasking(thrown.getCause(), depth + 1);
    }
}
