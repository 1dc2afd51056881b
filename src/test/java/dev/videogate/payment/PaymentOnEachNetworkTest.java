package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two networks in one 402 (app.x402.accepts): the local Base Sepolia look-alike (chain 84532, USDC "USDC" v2, the shared
 * facilitator) and a second local chain (31337, a token "Local Dollar" v1 at another address, its own facilitator).
 * The official v2 client pays on each, the v1 client on base-sepolia (the one v1 can name); each payer is charged the
 * price once, on the chain it chose and nowhere else; a payment for no configured entry is refused before anything is
 * asked or written; the reconciliation report gives its figures per network.
 */
class PaymentOnEachNetworkTest extends PaidGatewayTest {

    @Override
    protected LocalX402Network network() throws Exception {
        return LocalX402Network.start("--second-chain");
    }

    @Override
    protected Map<String, String> settings() {
        LocalX402Network.SecondChain second = x402.second();
        Map<String, String> s = new HashMap<>(AdminApi.SETTINGS);
        s.put("app.x402.rpc-url", ""); // the single-network form's; each entry names its own below
        s.put("app.x402.accepts[0].network", "eip155:84532");
        s.put("app.x402.accepts[0].rpc-url", x402.rpcUrl());
        s.put("app.x402.accepts[1].network", second.network());
        s.put("app.x402.accepts[1].asset", second.asset());
        s.put("app.x402.accepts[1].asset-name", second.assetName());
        s.put("app.x402.accepts[1].asset-version", second.assetVersion());
        s.put("app.x402.accepts[1].pay-to", second.payTo());
        s.put("app.x402.accepts[1].rpc-url", second.rpcUrl());
        s.put("app.x402.accepts[1].facilitator-url", second.facilitatorUrl());
        s.put("app.x402.supported-refresh-ms", "300");
        return s;
    }

    @Test
    void theChallengeOffersEachEntryAndV1OnlyWhereV1CanNameTheChain() throws Exception {
        HttpResponse<String> challenge = gateway.post("/api/generate", Json.request("two chains"));
        assertEquals(402, challenge.statusCode(), challenge.body());
        JsonNode accepts = Json.parse(new String(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED")
                .orElseThrow()), StandardCharsets.UTF_8)).get("accepts");
        assertEquals(2, accepts.size(), accepts.toString());
        assertEquals("eip155:84532", accepts.get(0).get("network").asText());
        assertEquals(x402.asset(), accepts.get(0).get("asset").asText());
        assertEquals("USDC", accepts.get(0).at("/extra/name").asText());
        assertEquals("2", accepts.get(0).at("/extra/version").asText());
        LocalX402Network.SecondChain second = x402.second();
        assertEquals(second.network(), accepts.get(1).get("network").asText());
        assertEquals(second.asset().toLowerCase(), accepts.get(1).get("asset").asText().toLowerCase());
        assertEquals("Local Dollar", accepts.get(1).at("/extra/name").asText());
        assertEquals("1", accepts.get(1).at("/extra/version").asText());
        assertEquals(PRICE.toString(), accepts.get(1).get("amount").asText());

        JsonNode v1 = Json.parse(challenge.body()).get("accepts");
        assertEquals(1, v1.size(), "v1 has no name for chain 31337: " + v1);
        assertEquals("base-sepolia", v1.get(0).get("network").asText());
    }

    @Test
    void theV2ClientPaysOnTheFirstChainOnly() throws Exception {
        Balances before = balances(0);
        JsonNode paid = x402.payOn("eip155:84532", gateway.url("/api/generate"), x402.payerKey(0), Json.request("paid on 84532"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        assertEquals("eip155:84532", paid.at("/paymentResponse/network").asText(), paid.toString());
        Balances after = balances(0);
        assertEquals(before.payer1.subtract(PRICE), after.payer1, "charged the price on 84532");
        assertEquals(before.payTo1.add(PRICE), after.payTo1);
        assertEquals(before.payer2, after.payer2, "nothing moved on 31337");
        assertEquals(before.payTo2, after.payTo2);
    }

    @Test
    void theV2ClientPaysOnTheSecondChainThroughItsOwnFacilitator() throws Exception {
        LocalX402Network.SecondChain second = x402.second();
        long sharedSettles = x402.facilitatorStats().get("settleCalls").asLong();
        long ownSettles = x402.facilitatorStats(second.facilitatorUrl()).get("settleSuccess").asLong();
        Balances before = balances(1);
        JsonNode paid = x402.payOn(second.network(), gateway.url("/api/generate"), x402.payerKey(1), Json.request("paid on 31337"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        assertEquals(second.network(), paid.at("/paymentResponse/network").asText(), paid.toString());
        assertEquals("Local Dollar", paid.at("/request/payment/accepted/extra/name").asText(), "signed over the second token's domain");
        Balances after = balances(1);
        assertEquals(before.payer2.subtract(PRICE), after.payer2, "charged the price in the second chain's token");
        assertEquals(before.payTo2.add(PRICE), after.payTo2);
        assertEquals(before.payer1, after.payer1, "nothing moved on 84532");
        assertEquals(before.payTo1, after.payTo1);
        assertEquals(ownSettles + 1, x402.facilitatorStats(second.facilitatorUrl()).get("settleSuccess").asLong(),
                "settled by the entry's own facilitator");
        assertEquals(sharedSettles, x402.facilitatorStats().get("settleCalls").asLong(), "the shared facilitator was not asked");
    }

    @Test
    void theV1ClientPaysOnBaseSepolia() throws Exception {
        Balances before = balances(2);
        JsonNode paid = x402.pay("v1", gateway.url("/api/generate"), x402.payerKey(2), Json.request("paid with v1"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        assertEquals("X-PAYMENT", paid.at("/request/paymentHeaderName").asText());
        Balances after = balances(2);
        assertEquals(before.payer1.subtract(PRICE), after.payer1);
        assertEquals(before.payTo1.add(PRICE), after.payTo1);
        assertEquals(before.payer2, after.payer2);
    }

    @Test
    void aPaymentForNoConfiguredEntryIsRefusedAtNoCost() throws Exception {
        LocalX402Network.SecondChain second = x402.second();
        HttpResponse<String> challenge = gateway.post("/api/generate", Json.request("the wrong entry"));
        JsonNode onSecond = Json.parse(new String(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED")
                .orElseThrow()), StandardCharsets.UTF_8)).get("accepts").get(1);
        long verifies = x402.facilitatorStats().get("verifyCalls").asLong() + x402.facilitatorStats(second.facilitatorUrl()).get("verifyCalls").asLong();
        long rows = rows();
        Balances before = balances(3);

        // chain 31337, but the first chain's token: an entry we do not offer
        String wrongToken = onSecond.deepCopy().toString().replace(onSecond.get("asset").asText(), x402.asset());
        String header = x402.sign("--version", "2", "--key", x402.payerKey(3), "--requirements", wrongToken,
                "--chainId", String.valueOf(second.chainId()), "--resource", gateway.url("/api/generate")).get("header").asText();
        HttpResponse<String> refused = gateway.post("/api/generate", Json.request("the wrong entry"), Map.of("PAYMENT-SIGNATURE", header));
        assertEquals(402, refused.statusCode(), refused.body());
        assertEquals("invalid_exact_evm_asset_mismatch", Json.parse(refused.body()).get("reason").asText(), refused.body());

        // a network no entry is on (Base mainnet)
        String elsewhere = x402.sign("--version", "2", "--key", x402.payerKey(3), "--requirements", onSecond.toString(),
                "--network", "eip155:8453", "--resource", gateway.url("/api/generate")).get("header").asText();
        HttpResponse<String> unknown = gateway.post("/api/generate", Json.request("the wrong entry"), Map.of("PAYMENT-SIGNATURE", elsewhere));
        assertEquals(402, unknown.statusCode(), unknown.body());
        assertEquals("invalid_exact_evm_network_mismatch", Json.parse(unknown.body()).get("reason").asText(), unknown.body());

        assertEquals(verifies, x402.facilitatorStats().get("verifyCalls").asLong()
                + x402.facilitatorStats(second.facilitatorUrl()).get("verifyCalls").asLong(), "no facilitator was asked");
        assertEquals(rows, rows(), "nothing was written");
        assertEquals(before, balances(3), "nothing moved on either chain");
    }

    @Test
    void theReportGivesItsFiguresPerNetwork() throws Exception {
        JsonNode one = x402.payOn("eip155:84532", gateway.url("/api/generate"), x402.payerKey(4), Json.request("report 84532"));
        assertEquals(200, one.get("status").asInt(), one.toString());
        JsonNode two = x402.payOn(x402.second().network(), gateway.url("/api/generate"), x402.payerKey(4), Json.request("report 31337"));
        assertEquals(200, two.get("status").asInt(), two.toString());

        HttpResponse<String> answer = AdminApi.call(gateway, "GET", "/api/admin/reconciliation", AdminApi.TOKEN, null);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode report = Json.parse(answer.body());
        assertEquals(0, report.get("mismatches").asInt(), report.toString());
        assertEquals(0, report.get("unreadable").size(), report.toString());
        JsonNode byNetwork = report.get("byNetwork");
        assertEquals(2, byNetwork.size(), report.toString());
        long total = 0;
        for (JsonNode figures : byNetwork) {
            assertTrue(figures.get("settled").asInt() >= 1, "a settled payment on " + figures);
            assertEquals(BigInteger.valueOf(figures.get("settled").asInt()).multiply(PRICE).toString(), figures.get("settledAtomic").asText(),
                    figures.toString());
            assertTrue(figures.get("transfersChecked").asInt() >= 1, figures.toString());
            total += figures.get("settled").asInt();
        }
        assertEquals("eip155:84532", byNetwork.get(0).get("network").asText());
        assertEquals("Local Dollar", byNetwork.get(1).get("assetName").asText());
        assertEquals(report.get("settled").asInt(), total, "the networks' figures add up to the total");
    }

    @Test
    void anEntryItsFacilitatorDropsLeavesTheOthersOnSaleAndReadinessUp() throws Exception {
        LocalX402Network.SecondChain second = x402.second();
        try {
            x402.facilitatorControl(second.facilitatorUrl(), "supported", "{\"kinds\":[]}");
            Await.until("entry 1 withdrawn from the 402", Duration.ofSeconds(10), () -> offeredNetworks().equals(List.of("eip155:84532")));
            JsonNode ready = readiness();
            assertEquals("UP", ready.get("status").asText(), "one entry left is enough: " + ready);
            assertTrue(ready.toString().contains("dropped app.x402.accepts[1] (eip155:31337)"), "the dropped entry is a detail: " + ready);
            assertTrue(ready.toString().contains("does not support exact payments on eip155:31337"), ready.toString());

            // the entry 0 still takes payments
            JsonNode paid = x402.payOn("eip155:84532", gateway.url("/api/generate"), x402.payerKey(5), Json.request("while 31337 is dropped"));
            assertEquals(200, paid.get("status").asInt(), paid.toString());
        } finally {
            x402.facilitatorControl(second.facilitatorUrl(), "reset", "{}");
            Await.until("entry 1 offered again", Duration.ofSeconds(10), () -> offeredNetworks().size() == 2);
        }
        assertEquals("UP", readiness().get("status").asText());
        assertFalse(readiness().toString().contains("dropped"), readiness().toString());
    }

    @Test
    void aLostSettlementOnTheSecondChainIsReconciledThere() throws Exception {
        LocalX402Network.SecondChain second = x402.second();
        // the entry's facilitator loses its answer, having settled nothing: only the chain of that entry can tell
        x402.facilitatorControl(second.facilitatorUrl(), "lose-settle-answers", "{\"times\":1,\"when\":\"before\"}");
        long ownSettles = x402.facilitatorStats(second.facilitatorUrl()).get("settleCalls").asLong();
        long sharedSettles = x402.facilitatorStats().get("settleCalls").asLong();
        Balances before = balances(5);

        JsonNode paid = x402.payOn(second.network(), gateway.url("/api/generate"), x402.payerKey(5), Json.request("lost on 31337"));
        assertEquals(202, paid.get("status").asInt(), paid.toString());
        assertEquals("confirming", paid.at("/body/paymentStatus").asText(), paid.toString());
        String id = paid.at("/body/generationId").asText();

        Await.until("settled by the reconciler", Duration.ofSeconds(20), () -> "settled".equals(
                db.rows("SELECT payment_status FROM generation WHERE id = ?", id).get(0).get("payment_status")));
        Balances after = balances(5);
        assertEquals(before.payer2.subtract(PRICE), after.payer2, "charged exactly once, on 31337");
        assertEquals(before.payer1, after.payer1, "nothing moved on 84532");
        assertEquals(ownSettles + 2, x402.facilitatorStats(second.facilitatorUrl()).get("settleCalls").asLong(),
                "the lost settle and the reconciler's, both through the entry's facilitator");
        assertEquals(sharedSettles, x402.facilitatorStats().get("settleCalls").asLong(), "never the shared facilitator");
        assertEquals("eip155:31337", db.rows("SELECT payment_network FROM generation WHERE id = ?", id).get(0).get("payment_network"));
    }

    @Test
    void aPaymentOnANetworkNoLongerConfiguredIsNamedByReadinessAndLeftAsItIs() throws Exception {
        // a settle answer lost on Base mainnet, then the operator removed that entry: no chain can be asked about it
        String payer = "0x00000000000000000000000000000000000000bb";
        db.execute("INSERT INTO generation (id, model, kie_model, prompt, options, price_usd, state, payment_key, payment_network,"
                + " payer, amount_atomic, payment_status, payment_nonce, payment_valid_before) VALUES ('gen_orphan_8453', 'sora-2',"
                + " 'sora-2-text-to-video', 'p', '{}', 1, 'creating', 'eip155:8453:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913:" + payer
                + ":0x01', 'eip155:8453', '" + payer + "', 1000000, 'settle_unknown', '0x" + "01".repeat(32) + "',"
                + " extract(epoch FROM now())::bigint + 3600)");
        try {
            Await.until("readiness names the payment it cannot reconcile", Duration.ofSeconds(20),
                    () -> readiness().toString().contains("unreconcilable on eip155:8453"));
            JsonNode ready = readiness();
            assertEquals("UP", ready.get("status").asText(), "the networks on sale still sell: " + ready);
            assertTrue(ready.toString().contains("gen_orphan_8453"), ready.toString());
            assertEquals("settle_unknown", db.rows("SELECT payment_status FROM generation WHERE id = 'gen_orphan_8453'").get(0)
                    .get("payment_status"), "neither settled nor failed without a chain to ask");
        } finally {
            db.execute("DELETE FROM generation WHERE id = 'gen_orphan_8453'");
        }
    }

    @Test
    void aPayersHoldsArePerToken() throws Exception {
        // two payments in flight of one payer on one network, in two tokens (V19__payer_holds_per_token.sql)
        String payer = "0x00000000000000000000000000000000000000AA";
        String tokenA = "0x000000000000000000000000000000000000000a";
        String tokenB = "0x000000000000000000000000000000000000000b";
        for (String[] row : new String[][] {{"gen_hold_a", tokenA, "1000"}, {"gen_hold_b", tokenB, "2000"}}) {
            db.execute("INSERT INTO generation (id, model, kie_model, prompt, options, price_usd, state, payment_key, payment_network,"
                    + " payer, amount_atomic, payment_status) VALUES ('" + row[0] + "', 'sora-2', 'sora-2-text-to-video', 'p', '{}', 1,"
                    + " 'creating', 'eip155:84532:" + row[1] + ":" + payer.toLowerCase() + ":" + row[0] + "', 'eip155:84532', '" + payer
                    + "', " + row[2] + ", 'verified')");
        }
        try {
            assertEquals(0, new BigInteger("1000").compareTo(held(tokenA, payer)), "token A holds only its own");
            assertEquals(0, new BigInteger("2000").compareTo(held(tokenB, payer)), "token B holds only its own");
            assertEquals(0, BigInteger.ZERO.compareTo(held("0x000000000000000000000000000000000000000c", payer)));
        } finally {
            db.execute("DELETE FROM generation WHERE id IN ('gen_hold_a', 'gen_hold_b')");
        }
    }

    private BigInteger held(String token, String payer) throws Exception {
        Object held = db.rows("SELECT payer_funds_held('eip155:84532', ?, ?, 'none', now()) AS held", token, payer).get(0).get("held");
        return new BigInteger(String.valueOf(held).replaceAll("\\..*$", ""));
    }

    private List<String> offeredNetworks() throws Exception {
        HttpResponse<String> challenge = gateway.post("/api/generate", Json.request("which networks"));
        List<String> networks = new ArrayList<>();
        Json.parse(new String(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()),
                StandardCharsets.UTF_8)).get("accepts").forEach(a -> networks.add(a.get("network").asText()));
        return networks;
    }

    /** A payer's and payTo's balances on both chains. */
    private record Balances(BigInteger payer1, BigInteger payTo1, BigInteger payer2, BigInteger payTo2) {
    }

    private Balances balances(int payer) throws Exception {
        LocalX402Network.SecondChain second = x402.second();
        String address = x402.payerAddress(payer);
        return new Balances(x402.balance(address), x402.balance(x402.payTo()),
                x402.balance(second.rpcUrl(), second.asset(), address), x402.balance(second.rpcUrl(), second.asset(), second.payTo()));
    }
}
