package dev.videogate.api;

/** 401: the request lacks the credential it needs (an access token, the admin token, a callback signature). */
public class Unauthorized extends ApiException {

    public Unauthorized(String code, String message) {
        super(401, code, message);
    }
}
