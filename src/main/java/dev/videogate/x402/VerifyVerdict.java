package dev.videogate.x402;

/**
 * What the facilitator's answer to /verify means for the request ({@link PaymentGate#verified}); the route
 * branches on {@link #kind()}: {@code valid} (on to the work), {@code refused} (402 with the facilitator's reason),
 * {@code unavailable} (a failing or unreadable facilitator: 503, nothing charged).
 */
public sealed interface VerifyVerdict {

    String kind();

    record Valid() implements VerifyVerdict {
        @Override
        public String kind() {
            return "valid";
        }
    }

    record Refused(Refusal refusal) implements VerifyVerdict {
        @Override
        public String kind() {
            return "refused";
        }
    }

    /** @param what what went wrong, for the 503's message ("answered HTTP 500", "gave an unreadable answer") */
    record Unavailable(String what) implements VerifyVerdict {
        @Override
        public String kind() {
            return "unavailable";
        }
    }
}
