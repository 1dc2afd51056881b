package dev.videogate.api;

/** 429 with Retry-After: asked again too soon (a throttled callback, Kie.ai rate-limiting the gateway). */
public class TooManyRequests extends ApiException {

    public TooManyRequests(String code, String message, int retryAfterSeconds) {
        super(429, code, message, retryAfterSeconds);
    }
}
