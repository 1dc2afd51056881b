package dev.videogate.api;

/**
 * 503: the gateway cannot serve this now (a paused model, load shed, Kie.ai out of credits or in maintenance); with
 * Retry-After when it is known when to come back.
 */
public class Unavailable extends ApiException {

    public Unavailable(String code, String message) {
        this(code, message, null);
    }

    public Unavailable(String code, String message, Integer retryAfterSeconds) {
        super(503, code, message, retryAfterSeconds);
    }
}
