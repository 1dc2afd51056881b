package dev.videogate.siwx;

import java.sql.Timestamp;

/**
 * An accepted SIGN-IN-WITH-X proof: the wallet it proves (EIP-55 form, as generation.payer holds it), and its nonce
 * with the time after which the nonce is refused anyway (so its spent row may be cleaned then).
 */
public record SignIn(String wallet, String nonce, Timestamp nonceExpires) {

    /** Whether this wallet paid for the row (generation.payer, compared without case). */
    public boolean paid(Object payer) {
        return payer != null && wallet.equalsIgnoreCase(payer.toString());
    }

    @Override
    public String toString() {
        return "SignIn[" + wallet + "]"; // the nonce stays out of logs
    }
}
