package dev.videogate.api;

/**
 * 500 internal_error: a failure no clause of routes/01-answers.yaml names. The caller hears no internals; the failure
 * is logged at ERROR with its stack ({@link ErrorResponses}).
 */
public class UnexpectedFailure extends ApiException {

    public UnexpectedFailure() {
        super(500, "internal_error", "The gateway failed to handle the request");
    }

    /** For the error clauses in routes/01-answers.yaml. */
    public static UnexpectedFailure answer() {
        return new UnexpectedFailure();
    }
}
