package dev.videogate.api;

/** 415: the body was not sent as JSON (a form, or no Content-Type); nothing was read, written or charged. */
public class UnsupportedMediaType extends ApiException {

    public UnsupportedMediaType(String message) {
        super(415, "unsupported_media_type", message);
    }
}
