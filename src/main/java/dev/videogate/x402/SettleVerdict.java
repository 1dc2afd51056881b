package dev.videogate.x402;

/**
 * What a {@code /settle} came to, as the flow branches on it ({@link #kind()}):
 * <ul>
 * <li>{@code settled}: the money moved, in this transaction;</li>
 * <li>{@code refused}: the facilitator said no, nothing moved (the reason is safe to show and log);</li>
 * <li>{@code unknown}: no usable answer, the money may have moved; only the chain can tell.</li>
 * </ul>
 */
public sealed interface SettleVerdict {

    String SETTLED = "settled";
    String REFUSED = "refused";
    String UNKNOWN = "unknown";

    /** settled, refused or unknown. */
    String kind();

    record Settled(String transaction) implements SettleVerdict {
        @Override
        public String kind() {
            return SETTLED;
        }
    }

    record Refused(String reason) implements SettleVerdict {
        @Override
        public String kind() {
            return REFUSED;
        }
    }

    record Unknown(String why) implements SettleVerdict {
        @Override
        public String kind() {
            return UNKNOWN;
        }
    }
}
