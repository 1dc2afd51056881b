package dev.videogate.api;

/** 409: the request clashes with the state of what it names (e.g. its payment is still being settled). */
public class Conflict extends ApiException {

    public Conflict(String code, String message) {
        super(409, code, message);
    }

    /** With Retry-After: the clash ends by itself (e.g. the other request buying with the same payment finishes). */
    public Conflict(String code, String message, int retryAfterSeconds) {
        super(409, code, message, retryAfterSeconds);
    }
}
