package dev.videogate.siwx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The nonces of our SIWX challenges, stateless: 8 random bytes, the expiry (Unix seconds) and an HMAC-SHA256 of both
 * under a key every instance shares, all in lower-case hex (EIP-4361 wants an alphanumeric nonce). A 402 writes
 * nothing to the database to issue one; any instance can tell one of ours, unaltered and unexpired, from a made-up
 * one. Single use is the database's part: a nonce is spent (inserted) when its proof is accepted.
 */
final class SiwxNonces {

    private static final int RANDOM_HEX = 16;
    private static final int EXPIRY_HEX = 10;
    private static final int MAC_HEX = 32;
    static final int LENGTH = RANDOM_HEX + EXPIRY_HEX + MAC_HEX;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param secret shared by every instance on the database (derived from its read-token key) */
    SiwxNonces(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String issue(Instant expires) {
        byte[] bytes = new byte[RANDOM_HEX / 2];
        random.nextBytes(bytes);
        String body = HexFormat.of().formatHex(bytes) + String.format(Locale.ROOT, "%010x", expires.getEpochSecond());
        return body + mac(body);
    }

    /** The expiry a nonce of ours carries, or null when it is not one of ours (shape or MAC wrong). */
    Instant expiry(String nonce) {
        if (nonce == null || nonce.length() != LENGTH || !nonce.matches("[0-9a-f]+")) {
            return null;
        }
        String body = nonce.substring(0, RANDOM_HEX + EXPIRY_HEX);
        byte[] expected = mac(body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, nonce.substring(RANDOM_HEX + EXPIRY_HEX).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(body.substring(RANDOM_HEX), 16));
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(("siwx-nonce|" + body).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(full, 0, MAC_HEX / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
