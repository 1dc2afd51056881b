package dev.videogate.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer token handed to the payer with a paid generation: only its holder may read the result.
 * We keep only its SHA-256, so a database leak does not hand out results.
 */
public final class ReadTokens {

    private ReadTokens() {
    }

    /**
     * The token of one payment: HMAC-SHA256 of its payment key under the database's shared read-token key. The same
     * payment always gets the same token (so a payment sent again can be answered with it, on any instance); no one
     * without the key can compute it, the payment key being public once the transfer is on chain.
     */
    public static String forPayment(byte[] key, String paymentKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("read-token|" + paymentKey).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of an Authorization header against the stored hash. */
    public static boolean matches(String authorizationHeader, String storedHash) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = hash(authorizationHeader.substring(7).trim()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
