package dev.videogate.api;

/** 409: the request clashes with the state of what it names (e.g. its payment is still being settled). */
public class Conflict extends ApiException {

    public Conflict(String code, String message) {
        super(409, code, message);
    }
}
