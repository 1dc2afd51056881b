package dev.videogate.generation;

import dev.videogate.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Variable;

/**
 * The caller's optional Idempotency-Key header. Once a payment is settled its signed authorization is public on
 * chain, so a replay of it proves nothing; a key the caller chose and sent with the first request does. Only its
 * SHA-256 is stored. Short keys are refused: a guessable key would let a chain reader read someone's result.
 */
public final class IdempotencyKeys {

    private static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = 255;

    /** The key's hash for variable idempotencyKeyHash, or null when the caller sent none. */
    public String hashOf(@Variable("idempotencyKey") String key) {
        if (key == null) {
            return null;
        }
        String trimmed = key.trim();
        if (trimmed.length() < MIN_LENGTH || trimmed.length() > MAX_LENGTH || !trimmed.matches("[\\x21-\\x7E]+")) {
            throw ApiException.badRequest("invalid_field", "Idempotency-Key must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " visible ASCII characters (e.g. a random UUID)");
        }
        return sha256(trimmed);
    }

    static boolean matches(String givenHash, String storedHash) {
        return givenHash != null && storedHash != null
                && MessageDigest.isEqual(givenHash.getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
