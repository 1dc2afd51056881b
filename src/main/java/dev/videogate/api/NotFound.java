package dev.videogate.api;

/** 404: no such generation, task, webhook delivery or endpoint. */
public class NotFound extends ApiException {

    public NotFound(String code, String message) {
        super(404, code, message);
    }
}
