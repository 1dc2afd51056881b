package dev.videogate.api;

/**
 * 502: an upstream failed (a broken HTTP exchange, an error answer of Kie.ai's that is its fault, not the caller's).
 * The code says which: upstream_error in general, upstream_auth_failed when Kie.ai refuses the gateway's key...
 */
public class UpstreamFailed extends ApiException {

    public UpstreamFailed(String code, String message) {
        super(502, code, message);
    }

    /** For the error clauses in routes/01-answers.yaml: the HTTP exchange with an upstream broke. */
    public static UpstreamFailed answer() {
        return new UpstreamFailed("upstream_error", "An upstream service failed; nothing was charged, try again");
    }
}
