package dev.videogate.api;

/** 400: the request itself is wrong (malformed JSON, a missing or invalid field, an unknown model); nothing was done. */
public class BadRequest extends ApiException {

    public BadRequest(String code, String message) {
        super(400, code, message);
    }
}
