package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The list form of the payment settings (app.x402.accepts[i].*), and the single-network keys as entry 0. */
class X402AcceptsTest {

    private static final String OTHER_PAY_TO = "0x02164DE8e7337a3994bc3390D5Daf2F42C1527BF";
    private static final String LOCAL_TOKEN = "0x35eb3be38239970d603DB71548846B0C59380842";

    private static Map<String, String> twoNetworks() {
        Map<String, String> p = new HashMap<>();
        p.put(X402Settings.PAY_TO, Fixtures.PAY_TO);
        p.put(X402Settings.NETWORK, "base-sepolia"); // application.properties' default: not a list key, ignored
        p.put(X402Settings.FACILITATOR_AUTHORIZATION, "Bearer shared-secret");
        p.put("app.x402.accepts[0].network", "eip155:8453");
        p.put("app.x402.accepts[0].rpc-url", "https://base.example/rpc/key");
        p.put("app.x402.accepts[1].network", "eip155:43113");
        p.put("app.x402.accepts[1].asset", LOCAL_TOKEN);
        p.put("app.x402.accepts[1].asset-name", "Local Dollar");
        p.put("app.x402.accepts[1].asset-version", "1");
        p.put("app.x402.accepts[1].pay-to", OTHER_PAY_TO);
        p.put("app.x402.accepts[1].facilitator-url", "https://other-facilitator.example/x402/");
        return p;
    }

    private static String failing(Map<String, String> props) {
        return assertThrows(IllegalStateException.class, () -> X402Accepts.fromProperties(props::get)).getMessage();
    }

    @Test
    void theSingleNetworkKeysAreEntryZero() {
        List<AcceptEntry> entries = X402Accepts.fromProperties(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO,
                X402Accepts.RPC_URL, "http://127.0.0.1:8545")::get);
        assertEquals(1, entries.size());
        assertEquals("app.x402", entries.get(0).key());
        assertSame(X402Network.BASE_SEPOLIA, entries.get(0).network());
        assertEquals(Fixtures.USDC_BASE_SEPOLIA, entries.get(0).asset().address().checksummed());
        assertEquals(Optional.of("http://127.0.0.1:8545"), entries.get(0).rpcUrl());
        // no rpc-url: the network's public one, as before
        assertEquals(Optional.of("https://sepolia.base.org"),
                X402Accepts.fromProperties(Map.of(X402Settings.PAY_TO, Fixtures.PAY_TO)::get).get(0).rpcUrl());
    }

    @Test
    void eachListEntryHasItsOwnNetworkTokenPayToFacilitatorAndRpc() {
        List<AcceptEntry> entries = X402Accepts.fromProperties(twoNetworks()::get);
        assertEquals(2, entries.size());
        AcceptEntry base = entries.get(0);
        assertSame(X402Network.BASE, base.network());
        assertEquals("USD Coin", base.asset().eip712Name(), "Base's USDC domain by default");
        assertEquals(Fixtures.PAY_TO, base.settings().payTo().checksummed(), "pay-to from the shared key");
        assertEquals(Optional.of("Bearer shared-secret"), base.settings().facilitatorAuthorization(), "the shared facilitator, with its header");
        assertEquals(Optional.of("https://base.example/rpc/key"), base.rpcUrl());

        AcceptEntry local = entries.get(1);
        assertEquals("eip155:43113", local.network().caip2());
        assertFalse(local.network().supportsV1(), "a CAIP id of a chain we have no v1 name for");
        assertEquals("Local Dollar", local.asset().eip712Name());
        assertEquals("1", local.asset().eip712Version());
        assertEquals(OTHER_PAY_TO, local.settings().payTo().checksummed());
        assertEquals("https://other-facilitator.example/x402", local.settings().facilitatorUrl().toString());
        assertTrue(local.settings().facilitatorAuthorization().isEmpty(),
                "the shared Authorization never goes to a facilitator the entry chose");
        assertTrue(local.rpcUrl().isEmpty(), "no public RPC known for that chain");
    }

    @Test
    void aDuplicateNetworkAndTokenIsRefused() {
        Map<String, String> p = twoNetworks();
        p.put("app.x402.accepts[2].network", "base");
        assertEquals("app.x402.accepts[2]: offers eip155:8453 0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913 again (already"
                + " app.x402.accepts[0]); each network and token once", failing(p));
        // the same network with another token is another entry
        p.put("app.x402.accepts[2].asset", LOCAL_TOKEN);
        p.put("app.x402.accepts[2].asset-name", "Local Dollar");
        p.put("app.x402.accepts[2].asset-version", "1");
        assertEquals(3, X402Accepts.fromProperties(p::get).size());
    }

    @Test
    void eachProblemNamesTheEntrysKey() {
        Map<String, String> noName = twoNetworks();
        noName.remove("app.x402.accepts[1].asset-name");
        assertEquals("app.x402.accepts[1].asset-name: is required for asset " + LOCAL_TOKEN + " (its EIP-712 domain name)",
                failing(noName));

        Map<String, String> badNetwork = twoNetworks();
        badNetwork.put("app.x402.accepts[1].network", "solana");
        assertTrue(failing(badNetwork).startsWith("app.x402.accepts[1].network: 'solana' is not a supported network"), failing(badNetwork));

        Map<String, String> badPayTo = twoNetworks();
        badPayTo.put("app.x402.accepts[1].pay-to", "xyz");
        assertEquals("app.x402.accepts[1].pay-to: 'xyz' is not an EVM address (0x + 40 hex)", failing(badPayTo));

        Map<String, String> noNetwork = twoNetworks();
        noNetwork.remove("app.x402.accepts[1].network");
        assertTrue(failing(noNetwork).startsWith("app.x402.accepts[1].network: is required"), failing(noNetwork));

        Map<String, String> sharedPayToMissing = twoNetworks();
        sharedPayToMissing.remove(X402Settings.PAY_TO);
        assertEquals("app.x402.pay-to: is required (the wallet that receives payments)", failing(sharedPayToMissing),
                "entry 0 takes the shared pay-to: the shared key is the one to set");

        Map<String, String> badUrl = twoNetworks();
        badUrl.put("app.x402.accepts[1].facilitator-url", "ftp://x");
        assertEquals("app.x402.accepts[1].facilitator-url: 'ftp://x' is not an absolute http(s) URL", failing(badUrl));
    }

    @Test
    void aGapOrASingleNetworkTokenKeyIsRefused() {
        Map<String, String> gap = twoNetworks();
        gap.put("app.x402.accepts[3].network", "base");
        assertEquals("app.x402.accepts[3]: entries must be numbered from 0 without gaps (app.x402.accepts[2] is missing)", failing(gap));

        Map<String, String> mixed = twoNetworks();
        mixed.put(X402Accepts.RPC_URL, "http://127.0.0.1:8545");
        assertTrue(failing(mixed).startsWith("app.x402.rpc-url: belongs to the single-network form"), failing(mixed));
        Map<String, String> mixedAsset = twoNetworks();
        mixedAsset.put(X402Settings.ASSET, LOCAL_TOKEN);
        assertTrue(failing(mixedAsset).startsWith("app.x402.asset: belongs to the single-network form"), failing(mixedAsset));
    }

    @Test
    void aSecretOfAnEntryIsNeverShown() {
        Map<String, String> p = twoNetworks();
        p.put("app.x402.accepts[1].facilitator-authorization", "Bearer sec\u0001ret");
        String m = failing(p);
        assertEquals("app.x402.accepts[1].facilitator-authorization: contains control characters (value not shown)", m);
        assertFalse(m.contains("sec"));
    }

    @Test
    void theEntriesAreWhatTheOptionsOffer() {
        PaymentOptions options = PaymentOptions.of(X402Accepts.fromProperties(twoNetworks()::get), Fixtures.CLOCK);
        assertEquals("eip155:8453, eip155:43113", options.networks());
        assertEquals(2, options.v2Accepts(java.math.BigInteger.TEN).size());
        assertTrue(options.offersV1(), "Base has a v1 name");
        assertNull(options.problem());
        // the facilitator of entry 1 lists nothing of it: entry 1 is dropped, the gateway still sells on Base
        options.all().get(1).support().answered(200, "{\"kinds\":[]}");
        assertNull(options.problem(), "one entry left is enough");
        assertEquals(1, options.dropped().size());
        assertTrue(options.dropped().keySet().iterator().next().startsWith("app.x402.accepts[1]"));
        assertEquals(1, options.v2Accepts(java.math.BigInteger.TEN).size());
        options.all().get(0).support().answered(200, "{\"kinds\":[]}");
        assertTrue(options.problem().startsWith("no payment option is usable: app.x402.accepts[0] (eip155:8453): "), options.problem());
    }

    @Test
    void aPaymentIsMatchedToTheEntryItChose() {
        Map<String, String> p = new HashMap<>();
        p.put(X402Settings.PAY_TO, Fixtures.PAY_TO);
        p.put("app.x402.accepts[0].network", "base-sepolia");
        p.put("app.x402.accepts[1].network", "base-sepolia");
        p.put("app.x402.accepts[1].asset", LOCAL_TOKEN);
        p.put("app.x402.accepts[1].asset-name", "Local Dollar");
        p.put("app.x402.accepts[1].asset-version", "1");
        PaymentOptions options = PaymentOptions.of(X402Accepts.fromProperties(p::get), Fixtures.CLOCK);
        PaymentPayload v2 = PaymentPayloadDecoder.decode(X402Headers.PAYMENT_SIGNATURE, Fixtures.SPEC_V2_PAYMENT_SIGNATURE);
        PaymentPayload v1 = PaymentPayloadDecoder.decode(X402Headers.X_PAYMENT, Fixtures.SPEC_V1_X_PAYMENT);
        assertEquals(0, options.chosenBy(v2).index(), "v2: its accepted token, Base Sepolia's USDC");
        assertEquals(0, options.chosenBy(v1).index(), "v1 names no token: the network's first entry");
        assertEquals(1, options.v1PaymentRequired(new ResourceInfo("https://gw.example", "d", "application/json"),
                java.math.BigInteger.TEN, null, "POST").get("accepts").size(), "v1 is offered once per network");

        // the first entry's facilitator drops v1: the v1 offer and a v1 payment both go to the next entry of the network
        options.all().get(0).support().answered(200, "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:84532\"}]}");
        assertEquals(LOCAL_TOKEN, options.v1PaymentRequired(new ResourceInfo("https://gw.example", "d", "application/json"),
                java.math.BigInteger.TEN, null, "POST").get("accepts").get(0).get("asset").asText());
        assertEquals(1, options.chosenBy(v1).index());

        PaymentRejected unknown = assertThrows(PaymentRejected.class, () -> PaymentOptions.of(
                X402Accepts.fromProperties(twoNetworks()::get), Fixtures.CLOCK).chosenBy(v2));
        assertEquals(RejectionReasons.NETWORK_MISMATCH, unknown.reason());
    }

    @Test
    void aRecordedPaymentFindsItsEntry() {
        PaymentOptions options = PaymentOptions.of(X402Accepts.fromProperties(twoNetworks()::get), Fixtures.CLOCK);
        String key = "eip155:43113:" + LOCAL_TOKEN.toLowerCase() + ":0xabc:0x01";
        assertEquals(1, options.byPaymentKey(key).orElseThrow().index());
        assertTrue(options.byPaymentKey("eip155:1:0x00:0xabc:0x01").isEmpty());
        String settle = "{\"paymentRequirements\":{\"network\":\"base\",\"asset\":\"0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913\"}}";
        assertEquals(0, options.bySettleRequest(settle).orElseThrow().index(), "a v1 request names the network by its v1 name");
    }
}
