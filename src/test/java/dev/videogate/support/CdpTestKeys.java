package dev.videogate.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/** Fresh CDP API keys of both kinds, as CDP hands them out (test keys, made per run). */
public final class CdpTestKeys {

    /** A key: its id, the secret as CDP_API_KEY_SECRET holds it, and its public half (X.509 SPKI, base64 too). */
    public record TestKey(String id, String secret, PublicKey publicKey) {

        public String publicSpki() {
            return Base64.getEncoder().encodeToString(publicKey.getEncoded());
        }
    }

    private CdpTestKeys() {
    }

    /** An EC P-256 key: the secret is a PKCS#8 PEM. */
    public static TestKey ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new TestKey(UUID.randomUUID().toString(), pem, pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key: the secret is base64 of the 32-byte seed then the 32-byte public key. */
    public static TestKey ed25519() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] raw = new byte[64];
            System.arraycopy(pkcs8, pkcs8.length - 32, raw, 0, 32);
            System.arraycopy(spki, spki.length - 32, raw, 32, 32);
            String secret = Base64.getEncoder().encodeToString(raw);
            Arrays.fill(raw, (byte) 0);
            return new TestKey(UUID.randomUUID().toString(), secret, pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
