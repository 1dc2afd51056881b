package dev.videogate.api;

/** 502 upstream_unreachable: an upstream refused the connection (nothing of the request reached it). */
public class UpstreamUnreachable extends ApiException {

    public UpstreamUnreachable() {
        super(502, "upstream_unreachable", "An upstream service could not be reached; nothing was charged, try again");
    }

    /** For the error clauses in routes/01-answers.yaml. */
    public static UpstreamUnreachable answer() {
        return new UpstreamUnreachable();
    }
}
