package dev.videogate.x402;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The bearer token of one request to Coinbase's CDP facilitator, made the way {@code @coinbase/cdp-sdk}'s
 * {@code generateJwt} makes it: header {@code alg} (ES256 or EdDSA), {@code kid} = key id, {@code typ} JWT and
 * {@code nonce} (16 random bytes, hex); claims {@code iss} "cdp", {@code sub} = key id, {@code iat} = {@code nbf} =
 * now, {@code exp} = now + 120 s, and {@code uris}, the one request it is good for: "METHOD host/path". A new token
 * for every request: nothing is cached, so no token is ever sent twice.
 *
 * <p>The JOSE work (header, claims, serialisation, ES256) is nimbus-jose-jwt's; its EdDSA signer needs Google Tink,
 * so Ed25519 is signed by the JDK's own Ed25519 (Java 15+) behind nimbus's signer interface.
 */
public final class CdpJwt {

    /** How long a token is valid, as cdp-sdk's default (seconds). */
    public static final long LIFETIME_SECONDS = 120;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CdpApiKey key;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;

    public CdpJwt(CdpApiKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (key.type() == CdpApiKey.Type.ES256) {
            this.algorithm = JWSAlgorithm.ES256;
            try {
                this.signer = new ECDSASigner((ECPrivateKey) key.privateKey());
            } catch (JOSEException e) {
                throw new IllegalArgumentException("the EC key cannot sign ES256 (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            this.algorithm = JWSAlgorithm.EdDSA;
            this.signer = new Ed25519Signer(key.privateKey());
        }
    }

    /**
     * A fresh token for one request.
     *
     * @param method    the HTTP method (GET, POST)
     * @param authority the host the request goes to, with ":port" when the URL names one
     * @param path      the request's path, starting with "/"
     */
    public String token(String method, String authority, String path) {
        Instant now = clock.instant();
        Date issued = Date.from(Instant.ofEpochSecond(now.getEpochSecond()));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .keyID(key.id())
                .type(JOSEObjectType.JWT)
                .customParam("nonce", HexFormat.of().formatHex(nonce))
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(key.id())
                .issuer("cdp")
                .claim("uris", List.of(method + " " + authority + path))
                .issueTime(issued)
                .notBeforeTime(issued)
                .expirationTime(Date.from(issued.toInstant().plusSeconds(LIFETIME_SECONDS)))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("the CDP token could not be signed (" + e.getClass().getSimpleName() + ")");
        }
        return jwt.serialize();
    }

    public CdpApiKey key() {
        return key;
    }

    /** nimbus's signer interface over the JDK's Ed25519 (nimbus's own Ed25519Signer needs Tink). */
    private static final class Ed25519Signer implements JWSSigner {

        private final PrivateKey key;
        private final JCAContext jca = new JCAContext();

        Ed25519Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                throw new JOSEException("Ed25519 signs EdDSA only, not " + header.getAlgorithm());
            }
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed: " + e.getClass().getSimpleName());
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
