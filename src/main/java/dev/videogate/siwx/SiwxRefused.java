package dev.videogate.siwx;

import dev.videogate.api.Unauthorized;

/**
 * A SIGN-IN-WITH-X proof refused: 401 with its code. The message says what was wrong with the proof, never the proof
 * itself (it is a credential until its nonce is spent).
 */
public final class SiwxRefused extends Unauthorized {

    public SiwxRefused(String code, String message) {
        super(code, message);
        withHeader("WWW-Authenticate", "SIGN-IN-WITH-X");
    }

    static SiwxRefused invalid(String why) {
        return new SiwxRefused("siwx_invalid", "The SIGN-IN-WITH-X proof is invalid: " + why);
    }
}
