package dev.videogate.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook the Standard Webhooks way: webhook-signature = "v1," + base64(HMAC-SHA256(secret, id + "." +
 * timestamp + "." + body)), the secret given as "whsec_" + base64 (or, without the prefix, its bytes as they are).
 * Receivers verify it with any Standard Webhooks library and the same secret.
 */
public final class StandardWebhookSigner {

    private final byte[] key;

    public StandardWebhookSigner(String secret) {
        this.key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 16) {
            throw new IllegalStateException("app.webhooks.secret: at least 16 bytes (e.g. whsec_ + 32 random bytes in base64)");
        }
    }

    public String signature(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
