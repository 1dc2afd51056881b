package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.videogate.support.CdpTestKeys;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Authorization value of each facilitator call: none, the static header, or a CDP JWT for exactly that call. */
class FacilitatorAuthorizationTest {

    @Test
    void plainSendsTheStaticHeaderOrNone() {
        assertEquals("", FacilitatorAuthorization.of(Fixtures.settings(Map.of()), Clock.systemUTC()).value("POST", "verify"));
        assertEquals("Bearer static-0123456789", FacilitatorAuthorization.of(Fixtures.settings(Map.of(
                X402Settings.FACILITATOR_AUTHORIZATION, "Bearer static-0123456789")), Clock.systemUTC()).value("POST", "settle"));
        assertEquals("", FacilitatorAuthorization.none().value("GET", "supported"));
    }

    @Test
    void cdpSignsEachCallForItsMethodHostAndPath() throws Exception {
        var key = CdpTestKeys.ed25519();
        FacilitatorAuthorization cdp = FacilitatorAuthorization.of(Fixtures.settings(Map.of(X402Settings.FACILITATOR, "cdp",
                X402Settings.CDP_API_KEY_ID, key.id(), X402Settings.CDP_API_KEY_SECRET, key.secret())), Clock.systemUTC());
        assertEquals(List.of("POST api.cdp.coinbase.com/platform/v2/x402/verify"), uris(cdp.value("POST", "verify")));
        assertEquals(List.of("GET api.cdp.coinbase.com/platform/v2/x402/supported"), uris(cdp.value("GET", "supported")));
        assertNotEquals(cdp.value("POST", "settle"), cdp.value("POST", "settle"), "a new token every call");

        FacilitatorAuthorization local = FacilitatorAuthorization.of(Fixtures.settings(Map.of(X402Settings.FACILITATOR, "cdp",
                X402Settings.FACILITATOR_URL, "http://127.0.0.1:4021/platform/v2/x402/", X402Settings.CDP_API_KEY_ID, key.id(),
                X402Settings.CDP_API_KEY_SECRET, key.secret())), Clock.systemUTC());
        assertEquals(List.of("POST 127.0.0.1:4021/platform/v2/x402/settle"), uris(local.value("POST", "settle")));
    }

    @Test
    void onlyTheFacilitatorsOperationsAreSignedFor() {
        var key = CdpTestKeys.ec();
        FacilitatorAuthorization cdp = FacilitatorAuthorization.of(Fixtures.settings(Map.of(X402Settings.FACILITATOR, "cdp",
                X402Settings.CDP_API_KEY_ID, key.id(), X402Settings.CDP_API_KEY_SECRET, key.secret())), Clock.systemUTC());
        for (String[] call : new String[][] {{"POST", "list"}, {"POST", "../verify"}, {"DELETE", "verify"}, {"POST", null}}) {
            assertThrows(IllegalArgumentException.class, () -> cdp.value(call[0], call[1]), String.join(" ", String.valueOf(call[0]), String.valueOf(call[1])));
        }
    }

    private static List<String> uris(String header) throws Exception {
        assertTrue(header.startsWith("Bearer "), header);
        return SignedJWT.parse(header.substring("Bearer ".length())).getJWTClaimsSet().getStringListClaim("uris");
    }
}
