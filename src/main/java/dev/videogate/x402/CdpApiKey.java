package dev.videogate.x402;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Coinbase Developer Platform API key (CDP_API_KEY_ID + CDP_API_KEY_SECRET), in either of the two forms CDP hands
 * out and {@code @coinbase/cdp-sdk} reads: an EC P-256 key as a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----", signed
 * ES256), or an Ed25519 key as base64 of 64 bytes, the 32-byte seed then the 32-byte public key (signed EdDSA). The
 * secret never appears in a message or in {@link #toString()}.
 */
public final class CdpApiKey {

    /** The JWS algorithm the key signs with, as the JWT header names it. */
    public enum Type { ES256, EDDSA }

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    // DER prefixes of an Ed25519 key (RFC 8410): PKCS#8 before the 32-byte seed, X.509 before the 32-byte public key
    private static final byte[] ED25519_PKCS8 = hex("302e020100300506032b657004220420");
    private static final byte[] ED25519_X509 = hex("302a300506032b6570032100");

    private final String id;
    private final Type type;
    private final PrivateKey privateKey;
    private final List<String> secretParts;

    private CdpApiKey(String id, Type type, PrivateKey privateKey, List<String> secretParts) {
        this.id = id;
        this.type = type;
        this.privateKey = privateKey;
        this.secretParts = secretParts;
    }

    /**
     * Reads a key. Throws {@link IllegalArgumentException} with a message that names what is wrong, never the secret.
     * A PEM pasted into an environment variable with literal "\n" sequences is read as well.
     */
    public static CdpApiKey parse(String id, String secret) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the key id is empty");
        }
        if (id.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '"')) {
            throw new IllegalArgumentException("the key id holds spaces, quotes or control characters");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the key secret is empty");
        }
        String text = secret.replace("\\n", "\n").strip();
        if (text.startsWith("-----BEGIN")) {
            return ecKey(id.strip(), text);
        }
        return ed25519Key(id.strip(), text);
    }

    private static CdpApiKey ecKey(String id, String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.matches()) {
            throw new IllegalArgumentException("the key secret is a PEM but not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        String body = m.group(1);
        try {
            byte[] der = Base64.getMimeDecoder().decode(body);
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                    || !ec.getParams().getOrder().toString(16).equals("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")) {
                throw new IllegalArgumentException("the key secret is an EC key but not on P-256 (ES256)");
            }
            List<String> parts = body.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return new CdpApiKey(id, Type.ES256, key, parts);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("the key") ? e
                    : new IllegalArgumentException("the key secret's PEM body is not base64");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key secret is not an EC private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static CdpApiKey ed25519Key(String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key secret is neither a PEM EC key nor base64 (an Ed25519 key)");
        }
        if (raw.length != 64) {
            throw new IllegalArgumentException("the key secret is base64 of " + raw.length
                    + " bytes; an Ed25519 CDP key is 64 (seed, then public key)");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8, Arrays.copyOfRange(raw, 0, 32))));
            PublicKey given = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(concat(ED25519_X509, Arrays.copyOfRange(raw, 32, 64))));
            // the two halves must belong together, or every token would be refused
            byte[] probe = "cdp-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(given);
            verifier.update(probe);
            if (!verifier.verify(signer.sign())) {
                throw new IllegalArgumentException("the key secret's public half does not match its seed");
            }
            return new CdpApiKey(id, Type.EDDSA, key, List.of(base64));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key secret is not an Ed25519 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    public String id() {
        return id;
    }

    public Type type() {
        return type;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The pieces of the secret as text (the base64 key, or each line of the PEM body), for the log mask. */
    public List<String> secretParts() {
        return secretParts;
    }

    @Override
    public String toString() {
        return "CdpApiKey[id=" + id + ", type=" + type + ", secret=****]";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String text) {
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CdpApiKey other && id.equals(other.id) && type == other.type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type);
    }
}
