package dev.videogate.x402;

import dev.videogate.api.SafeText;

/**
 * The rules of a {@code /settle} answer, free of any framework: an answer (or none) in, a {@link SettleVerdict} out.
 * Never throws. Only a readable success is "settled" and only a readable refusal is "refused"; everything else
 * (no answer, the facilitator's own failure, an unreadable body) is "unknown", because the transfer may be on chain.
 */
public final class SettleRules {

    private SettleRules() {
    }

    public static SettleVerdict verdict(SettleAnswer answer) {
        if (answer instanceof SettleAnswer.Answered http) {
            return verdict(http.status(), http.body());
        }
        boolean timedOut = ((SettleAnswer.NoAnswer) answer).timedOut();
        return new SettleVerdict.Unknown("the facilitator " + (timedOut ? "did not answer in time" : "could not be reached")
                + " (settle)");
    }

    /**
     * A refusal heard on a second settle of the same payment: the first settle may be landing on chain right now,
     * so it proves nothing; what the chain says next decides.
     */
    public static SettleVerdict.Unknown refusedOnSecondSettle(SettleVerdict.Refused refused) {
        return new SettleVerdict.Unknown("the second settle was refused (" + refused.reason() + ")");
    }

    private static SettleVerdict verdict(Integer status, String body) {
        if (FacilitatorMessages.serviceFailed(status)) {
            return new SettleVerdict.Unknown("the facilitator answered HTTP " + status + " (settle)");
        }
        SettleResult result;
        try {
            result = FacilitatorMessages.parseSettle(body);
        } catch (FacilitatorResponseException e) {
            return new SettleVerdict.Unknown("the facilitator's settle answer was unreadable");
        }
        if (result.success()) {
            return new SettleVerdict.Settled(result.transaction()); // parseSettle: a success names its transaction
        }
        // the facilitator's words may quote the payment: a reason code and a redacted message only
        return new SettleVerdict.Refused(SafeText.code(result.errorReason().orElse(null), "settlement_failed")
                + result.errorMessage().map(m -> ": " + SafeText.of(m, 200)).orElse(""));
    }
}
