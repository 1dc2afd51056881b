package dev.videogate.x402;

/**
 * What came back from the facilitator's {@code POST /settle}: an HTTP answer (its status and body), or none at all
 * (it did not answer in time, or could not be reached). The input of {@link SettleRules#verdict}.
 */
public sealed interface SettleAnswer {

    /** An HTTP answer; status is null when the transport gave none. */
    record Answered(Integer status, String body) implements SettleAnswer {
    }

    /** No answer: the request may or may not have reached the facilitator. */
    record NoAnswer(boolean timedOut) implements SettleAnswer {
    }

    static SettleAnswer answered(Integer status, String body) {
        return new Answered(status, body);
    }

    /** No answer, for the failure the call ended with: a timeout anywhere in its causes, or else unreachable. */
    static SettleAnswer noAnswer(Throwable failure) {
        return new NoAnswer(FacilitatorMessages.timedOut(failure));
    }
}
