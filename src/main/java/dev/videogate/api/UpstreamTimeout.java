package dev.videogate.api;

/** 504 upstream_timeout: Kie.ai, the facilitator or the chain's RPC accepted the call and did not answer in time. */
public class UpstreamTimeout extends ApiException {

    public UpstreamTimeout() {
        super(504, "upstream_timeout", "An upstream service did not answer in time; nothing was charged, try again");
    }

    /** For the error clauses in routes/01-answers.yaml. */
    public static UpstreamTimeout answer() {
        return new UpstreamTimeout();
    }
}
