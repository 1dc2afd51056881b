package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.videogate.support.CdpTestKeys;
import dev.videogate.support.CdpTestKeys.TestKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CDP token, parsed back with nimbus: header, claims and signature, for both key types. */
class CdpJwtTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00.700Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void ecKeySignsEs256WithTheCdpHeaderAndClaims() throws Exception {
        TestKey key = CdpTestKeys.ec();
        SignedJWT jwt = SignedJWT.parse(new CdpJwt(CdpApiKey.parse(key.id(), key.secret()), CLOCK)
                .token("POST", "api.cdp.coinbase.com", "/platform/v2/x402/verify"));
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) key.publicKey())));
        assertCdpShape(jwt, key.id(), "POST api.cdp.coinbase.com/platform/v2/x402/verify");
    }

    @Test
    void ed25519KeySignsEdDsaWithTheCdpHeaderAndClaims() throws Exception {
        TestKey key = CdpTestKeys.ed25519();
        SignedJWT jwt = SignedJWT.parse(new CdpJwt(CdpApiKey.parse(key.id(), key.secret()), CLOCK)
                .token("GET", "127.0.0.1:8402", "/supported"));
        assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
        assertTrue(ed25519Verifies(key.publicKey(), jwt));
        assertFalse(ed25519Verifies(CdpTestKeys.ed25519().publicKey(), jwt), "another key must not verify it");
        assertCdpShape(jwt, key.id(), "GET 127.0.0.1:8402/supported");
    }

    @Test
    void everyTokenHasItsOwnNonce() throws Exception {
        TestKey key = CdpTestKeys.ed25519();
        CdpJwt maker = new CdpJwt(CdpApiKey.parse(key.id(), key.secret()), CLOCK);
        String a = SignedJWT.parse(maker.token("POST", "h", "/verify")).getHeader().getCustomParam("nonce").toString();
        String b = SignedJWT.parse(maker.token("POST", "h", "/verify")).getHeader().getCustomParam("nonce").toString();
        assertNotEquals(a, b);
    }

    @Test
    void aPemWithLiteralNewlinesAsInAnEnvironmentVariableIsRead() {
        TestKey key = CdpTestKeys.ec();
        assertEquals(CdpApiKey.Type.ES256, CdpApiKey.parse(key.id(), key.secret().replace("\n", "\\n")).type());
    }

    @Test
    void badSecretsAreRefusedWithoutShowingThem() {
        TestKey ed = CdpTestKeys.ed25519();
        byte[] raw = Base64.getDecoder().decode(ed.secret());
        raw[40] ^= 1; // the public half no longer matches the seed
        String mismatched = Base64.getEncoder().encodeToString(raw);
        String shortKey = Base64.getEncoder().encodeToString(new byte[32]);
        String sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----";
        for (String secret : List.of(mismatched, shortKey, sec1, "not base64 at all!", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CdpApiKey.parse("id", secret));
            assertTrue(e.getMessage().startsWith("the key"), e.getMessage());
            if (secret.length() > 8) {
                assertFalse(e.getMessage().contains(secret), "the secret must not be in the message");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CdpApiKey.parse(" ", ed.secret()));
        assertFalse(CdpApiKey.parse(ed.id(), ed.secret()).toString().contains(ed.secret()));
    }

    private static void assertCdpShape(SignedJWT jwt, String keyId, String uri) throws Exception {
        assertEquals(keyId, jwt.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertTrue(jwt.getHeader().getCustomParam("nonce").toString().matches("[0-9a-f]{32}"));
        var claims = jwt.getJWTClaimsSet();
        assertEquals("cdp", claims.getIssuer());
        assertEquals(keyId, claims.getSubject());
        assertEquals(List.of(uri), claims.getStringListClaim("uris"));
        long iat = claims.getIssueTime().toInstant().getEpochSecond();
        assertEquals(NOW.getEpochSecond(), iat);
        assertEquals(iat, claims.getNotBeforeTime().toInstant().getEpochSecond());
        assertEquals(iat + 120, claims.getExpirationTime().toInstant().getEpochSecond());
        assertEquals(java.util.Set.of("iss", "sub", "uris", "iat", "nbf", "exp"), claims.getClaims().keySet());
    }

    private static boolean ed25519Verifies(PublicKey key, SignedJWT jwt) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(jwt.getSigningInput());
        return verifier.verify(jwt.getSignature().decode());
    }
}
