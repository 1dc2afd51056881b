package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class X402SettingsTest {

    private static IllegalStateException failing(Map<String, String> props) {
        return assertThrows(IllegalStateException.class, () -> X402Settings.fromProperties(props::get));
    }

    @Test
    void defaultsComeFromTheNetwork() {
        X402Settings s = X402Settings.fromProperties(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO)::get);
        assertSame(X402Network.BASE_SEPOLIA, s.network());
        assertEquals(Fixtures.USDC_BASE_SEPOLIA, s.asset().address().checksummed());
        assertEquals("USDC", s.asset().eip712Name());
        assertEquals("2", s.asset().eip712Version());
        assertEquals(300, s.maxTimeoutSeconds());
        assertEquals(60, s.minValiditySeconds());
        assertEquals("https://x402.org/facilitator", s.facilitatorUrl().toString());
        assertTrue(s.facilitatorAuthorization().isEmpty());
    }

    @Test
    void minValidityMustFitTheTimeoutAsked() {
        assertTrue(failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.MIN_VALIDITY_SECONDS, "400"))
                .getMessage().startsWith("app.x402.min-validity-seconds: '400' must be at least 6 and at most"));
        assertTrue(failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.MIN_VALIDITY_SECONDS, "soon"))
                .getMessage().startsWith("app.x402.min-validity-seconds: 'soon'"));
    }

    @Test
    void baseMainnetUsesUsdCoinDomain() {
        X402Settings s = Fixtures.settings(Map.of(X402Settings.NETWORK, "eip155:8453"));
        assertEquals("USD Coin", s.asset().eip712Name());
        assertEquals("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", s.asset().address().checksummed());
    }

    @Test
    void payToIsRequiredAndValidated() {
        assertEquals("app.x402.pay-to: is required (the wallet that receives payments)", failing(Map.of()).getMessage());
        assertEquals("app.x402.pay-to: 'xyz' is not an EVM address (0x + 40 hex)",
                failing(Map.of(X402Settings.PAY_TO, "xyz")).getMessage());
        assertTrue(failing(Map.of(X402Settings.PAY_TO, "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).getMessage()
                .startsWith("app.x402.pay-to: '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' has an invalid EIP-55 checksum"));
        assertTrue(failing(Map.of(X402Settings.PAY_TO, "0x0000000000000000000000000000000000000000")).getMessage()
                .startsWith("app.x402.pay-to: "));
    }

    @Test
    void unknownNetworkNamesTheSupportedOnes() {
        String m = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.NETWORK, "solana")).getMessage();
        assertTrue(m.startsWith("app.x402.network: 'solana' is not a supported network; supported: "), m);
        assertTrue(m.contains("base (eip155:8453)") && m.contains("base-sepolia (eip155:84532)") && m.contains("eip155:<chainId>"), m);
    }

    @Test
    void customChainNeedsAssetAndDomain() {
        Map<String, String> p = new HashMap<>(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.NETWORK, "eip155:31337"));
        assertTrue(failing(p).getMessage().startsWith("app.x402.asset: is required on eip155:31337"));
        p.put(X402Settings.ASSET, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        assertTrue(failing(p).getMessage().startsWith("app.x402.asset-name: is required"));
        p.put(X402Settings.ASSET_NAME, "Local USD");
        assertTrue(failing(p).getMessage().startsWith("app.x402.asset-version: is required"));
        p.put(X402Settings.ASSET_VERSION, "1");
        X402Settings s = X402Settings.fromProperties(p::get);
        assertEquals("Local USD", s.asset().eip712Name());
        assertEquals(31337, s.network().chainId());
    }

    @Test
    void overriddenAssetOnKnownNetworkDoesNotInheritUsdcDomain() {
        Map<String, String> p = Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.ASSET, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        assertTrue(failing(p).getMessage().startsWith("app.x402.asset-name: "));
    }

    @Test
    void badAssetNamesKeyAndValue() {
        assertEquals("app.x402.asset: '0x12' is not an EVM address (0x + 40 hex)",
                failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.ASSET, "0x12")).getMessage());
    }

    @Test
    void timeoutIsValidated() {
        assertEquals("app.x402.max-timeout-seconds: 'soon' is not a whole number of seconds",
                failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.MAX_TIMEOUT_SECONDS, "soon")).getMessage());
        assertEquals("app.x402.max-timeout-seconds: '0' is out of range 10..86400",
                failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.MAX_TIMEOUT_SECONDS, "0")).getMessage());
    }

    @Test
    void facilitatorUrlIsValidatedAndNormalised() {
        assertEquals("app.x402.facilitator-url: 'ftp://x' is not an absolute http(s) URL",
                failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR_URL, "ftp://x")).getMessage());
        assertEquals("app.x402.facilitator-url: 'not a url' is not a URL",
                failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR_URL, "not a url")).getMessage());
        X402Settings s = Fixtures.settings(Map.of(X402Settings.FACILITATOR_URL, "http://localhost:4020/"));
        assertEquals("http://localhost:4020", s.facilitatorUrl().toString());
    }

    @Test
    void authorizationIsNeverShown() {
        X402Settings s = Fixtures.settings(Map.of(X402Settings.FACILITATOR_AUTHORIZATION, "Bearer sk-secret-123"));
        assertEquals("Bearer sk-secret-123", s.facilitatorAuthorization().orElseThrow());
        assertFalse(s.toString().contains("sk-secret"), s.toString());
        assertTrue(s.toString().contains("facilitatorAuthorization=****"));
        String m = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR_AUTHORIZATION, "Bearer sk-secret\r\nX: y")).getMessage();
        assertTrue(m.startsWith("app.x402.facilitator-authorization: "), m);
        assertFalse(m.contains("sk-secret"), m);
    }

    @Test
    void blankValuesCountAsMissing() {
        X402Settings s = Fixtures.settings(Map.of(X402Settings.NETWORK, " ", X402Settings.FACILITATOR_AUTHORIZATION, ""));
        assertSame(X402Network.BASE_SEPOLIA, s.network());
        assertTrue(s.facilitatorAuthorization().isEmpty());
    }

    @Test
    void cdpTakesItsKeyFromTheCdpVariablesAndDefaultsToCoinbasesUrl() {
        var key = dev.videogate.support.CdpTestKeys.ec();
        X402Settings s = Fixtures.settings(Map.of(X402Settings.FACILITATOR, "cdp", X402Settings.CDP_API_KEY_ID, key.id(),
                X402Settings.CDP_API_KEY_SECRET, key.secret()));
        assertEquals("https://api.cdp.coinbase.com/platform/v2/x402", s.facilitatorUrl().toString());
        assertEquals(CdpApiKey.Type.ES256, s.cdpKey().orElseThrow().type());
        assertTrue(s.facilitatorAuthorization().isEmpty());
        assertTrue(!s.toString().contains(key.secret().substring(40, 80)), s.toString());
        assertTrue(Fixtures.settings(Map.of()).cdpKey().isEmpty(), "plain by default");
    }

    @Test
    void cdpWithoutAKeyOrWithAStaticHeaderOrABadSecretStopsStartup() {
        var key = dev.videogate.support.CdpTestKeys.ed25519();
        String noSecret = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR, "cdp",
                X402Settings.CDP_API_KEY_ID, key.id())).getMessage();
        assertTrue(noSecret.contains("CDP_API_KEY_SECRET"), noSecret);
        String noId = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR, "cdp",
                X402Settings.CDP_API_KEY_SECRET, key.secret())).getMessage();
        assertTrue(noId.contains("CDP_API_KEY_ID"), noId);
        String both = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR, "cdp",
                X402Settings.CDP_API_KEY_ID, key.id(), X402Settings.CDP_API_KEY_SECRET, key.secret(),
                X402Settings.FACILITATOR_AUTHORIZATION, "Bearer static-0123456789")).getMessage();
        assertTrue(both.startsWith("app.x402.facilitator-authorization: must be empty"), both);
        String truncated = key.secret().substring(0, 60);
        String bad = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR, "cdp",
                X402Settings.CDP_API_KEY_ID, key.id(), X402Settings.CDP_API_KEY_SECRET, truncated)).getMessage();
        assertTrue(bad.startsWith("app.x402.cdp-api-key-secret: "), bad);
        assertTrue(!bad.contains(truncated.substring(0, 20)), "the secret is not echoed: " + bad);
        String kind = failing(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO, X402Settings.FACILITATOR, "coinbase")).getMessage();
        assertTrue(kind.startsWith("app.x402.facilitator: 'coinbase'"), kind);
    }
}
