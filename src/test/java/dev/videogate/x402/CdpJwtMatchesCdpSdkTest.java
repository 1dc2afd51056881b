package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.videogate.support.CdpTestKeys;
import dev.videogate.support.CdpTestKeys.TestKey;
import dev.videogate.support.LocalX402Network;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our token against the one the official {@code @coinbase/cdp-sdk} (generateJwt, from @coinbase/cdp-sdk/auth) makes
 * for the same key and request, field by field; the nonce and the times differ by nature, so their form and the
 * lifetime are compared. Each token is verified with the other side's reading of the key.
 */
class CdpJwtMatchesCdpSdkTest {

    static Stream<TestKey> keys() {
        return Stream.of(CdpTestKeys.ec(), CdpTestKeys.ed25519());
    }

    @ParameterizedTest
    @MethodSource("keys")
    void ourTokenHasTheShapeOfCdpSdksAndEachVerifiesTheOther(TestKey key) throws Exception {
        String method = "POST";
        String host = "api.cdp.coinbase.com";
        String path = "/platform/v2/x402/settle";
        Map<String, String> env = Map.of("CDP_API_KEY_SECRET", key.secret());
        JsonNode made = LocalX402Network.script(env, "cdp-jwt.mjs", "make", "--key-id", key.id(), "--method", method,
                "--host", host, "--path", path);
        SignedJWT theirs = SignedJWT.parse(made.get("token").asText());
        String ourToken = new CdpJwt(CdpApiKey.parse(key.id(), key.secret()), Clock.systemUTC()).token(method, host, path);
        SignedJWT ours = SignedJWT.parse(ourToken);

        JWSHeader a = ours.getHeader();
        JWSHeader b = theirs.getHeader();
        assertEquals(b.getAlgorithm(), a.getAlgorithm());
        assertEquals(b.getKeyID(), a.getKeyID());
        assertEquals(b.getType(), a.getType());
        assertEquals(new TreeSet<>(b.toJSONObject().keySet()), new TreeSet<>(a.toJSONObject().keySet()));
        assertTrue(a.getCustomParam("nonce").toString().matches("[0-9a-f]{32}"));
        assertTrue(b.getCustomParam("nonce").toString().matches("[0-9a-f]{32}"));
        assertNotEquals(b.getCustomParam("nonce"), a.getCustomParam("nonce"));

        JWTClaimsSet x = ours.getJWTClaimsSet();
        JWTClaimsSet y = theirs.getJWTClaimsSet();
        assertEquals(new TreeSet<>(y.getClaims().keySet()), new TreeSet<>(x.getClaims().keySet()));
        assertEquals(y.getIssuer(), x.getIssuer());
        assertEquals(y.getSubject(), x.getSubject());
        assertEquals(y.getStringListClaim("uris"), x.getStringListClaim("uris"));
        assertEquals(seconds(y.getExpirationTime()) - seconds(y.getIssueTime()), seconds(x.getExpirationTime()) - seconds(x.getIssueTime()));
        assertEquals(seconds(y.getNotBeforeTime()), seconds(y.getIssueTime()));
        assertEquals(seconds(x.getNotBeforeTime()), seconds(x.getIssueTime()));
        assertTrue(Math.abs(seconds(x.getIssueTime()) - seconds(y.getIssueTime())) < 30, "both made now");

        // theirs verifies with our reading of the key's public half; ours with theirs (lib/cdp-auth.mjs, jose)
        assertTrue(verifiesWith(key, theirs), "cdp-sdk's token must verify with the key's public half");
        JsonNode checked = LocalX402Network.script(env, "cdp-jwt.mjs", "check", "--key-id", key.id(), "--method", method,
                "--host", host, "--path", path, "--token", ourToken);
        assertTrue(checked.get("refusal").isNull(), "our token refused by the node side: " + checked);
        JsonNode otherPath = LocalX402Network.script(env, "cdp-jwt.mjs", "check", "--key-id", key.id(), "--method", method,
                "--host", host, "--path", "/platform/v2/x402/verify", "--token", ourToken);
        assertEquals("wrong_uri", otherPath.get("refusal").asText(), "the node check must tell another path");
    }

    private static boolean verifiesWith(TestKey key, SignedJWT jwt) throws Exception {
        if (key.publicKey() instanceof ECPublicKey ec) {
            return jwt.verify(new ECDSAVerifier(ec));
        }
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key.publicKey());
        verifier.update(jwt.getSigningInput());
        return verifier.verify(jwt.getSignature().decode());
    }

    private static long seconds(java.util.Date date) {
        return date.toInstant().getEpochSecond();
    }
}
