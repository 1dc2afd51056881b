package dev.videogate.payment;

import dev.videogate.x402.SettleVerdict;

/**
 * A settle verdict for one generation (variable "settlement", set by the route settle-payment), and the columns it
 * is recorded as: payment_status settled, failed (refused: no money moved) or settle_unknown (no usable answer: the
 * money may have moved; the reconciler finds out), payment_tx and payment_error. SQL and the routes read it by name
 * ({@code ${variable.settlement.kind}}, {@code :#${variable.settlement.paymentStatus}}).
 */
public record Settlement(String generationId, SettleVerdict verdict) {

    public static final String SETTLED = "settled";
    public static final String FAILED = "failed";
    public static final String UNKNOWN = "settle_unknown";

    /** What the flow branches on: settled, refused or unknown. */
    public String kind() {
        return verdict.kind();
    }

    /** Column payment_status. */
    public String paymentStatus() {
        return settled() ? SETTLED : failed() ? FAILED : UNKNOWN;
    }

    /** Column payment_tx: the settled transaction, else null (the column keeps what it had). */
    public String transaction() {
        return verdict instanceof SettleVerdict.Settled s && s.transaction() != null && !s.transaction().isBlank()
                ? s.transaction() : null;
    }

    /** Column payment_error: a refusal's reason, or why the outcome is unknown; null once settled. */
    public String paymentError() {
        if (verdict instanceof SettleVerdict.Refused refused) {
            return refused.reason();
        }
        return verdict instanceof SettleVerdict.Unknown unknown ? "settlement_unanswered: " + unknown.why() : null;
    }

    /** A refusal's reason (code, and the facilitator's redacted words), else null. */
    public String reason() {
        return verdict instanceof SettleVerdict.Refused refused ? refused.reason() : null;
    }

    /** Why the outcome is unknown, else null. */
    public String why() {
        return verdict instanceof SettleVerdict.Unknown unknown ? unknown.why() : null;
    }

    public boolean settled() {
        return verdict instanceof SettleVerdict.Settled;
    }

    public boolean failed() {
        return verdict instanceof SettleVerdict.Refused;
    }

    public boolean unknown() {
        return verdict instanceof SettleVerdict.Unknown;
    }
}
