package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network.Payer;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * /verify holds no funds: payments signed at once against a balance that covers one all verify. The bundle holds each
 * payment against the payer's balance before any task: N payments at once start at most balance / price tasks, the
 * rest are refused with 402 insufficient_funds, and no Kie.ai credit is spent for nothing. Paid with the official v2
 * client on the local chain; settlement takes four seconds here (on a real chain it takes a block or more), so
 * that every payment of a burst is verified before the first one moves money, even on a loaded machine where the
 * client's five requests reach the bundle a second or more apart.
 */
class OneBalanceOnePurchaseTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(AdminApi.SETTINGS);
        settings.put("app.x402.balance-lag-ms", "300");
        // the subject is the hold, not a slow chain: a balance read that times out on a loaded machine would (rightly)
        // leave the payer one payment in flight and buy less than the balance pays for
        settings.put("app.x402.balance-timeout-ms", "15000");
        return settings;
    }

    @BeforeEach
    void slowSettlement() throws Exception {
        x402.facilitatorControl("delay", "{\"verifyMs\":0,\"settleMs\":4000}");
    }

    @AfterEach
    void resetFacilitator() throws Exception {
        x402.facilitatorControl("reset", "{}");
    }

    @ParameterizedTest(name = "a payer holding {0} USDC sends 5 payments of 3.50 at once: {1} bought")
    @CsvSource({"3.50, 1", "7.00, 2"})
    void paymentsAtOnceBuyNoMoreThanTheBalancePaysFor(String holding, int bought) throws Exception {
        Payer payer = x402.fund(new java.math.BigDecimal(holding).movePointRight(6).toBigIntegerExact());
        BigInteger payToBefore = x402.balance(x402.payTo());
        int tasksBefore = kie.createTaskCalls();

        List<JsonNode> answers = x402.payAtOnce("v2", gateway.url("/api/generate"), payer.key(), Json.request("five at once"), 5);

        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(a -> statuses.merge(a.path("status").asInt(), 1, Integer::sum));
        assertEquals(Map.of(200, bought, 402, 5 - bought), statuses, summary(answers));
        assertEquals(tasksBefore + bought, kie.createTaskCalls(), "one Kie.ai task per purchase the balance pays for");
        BigInteger paid = PRICE.multiply(BigInteger.valueOf(bought));
        assertEquals(payToBefore.add(paid), x402.balance(x402.payTo()), "charged once per task");
        assertEquals(new java.math.BigDecimal(holding).movePointRight(6).toBigIntegerExact().subtract(paid), x402.balance(payer.address()));
        // refused by the hold; on a slow machine a straggler may come after the first settlement and be refused by
        // the facilitator's own balance check instead: either way before any work
        List<JsonNode> refusals = answers.stream().filter(a -> a.path("status").asInt() == 402).toList();
        assertTrue(refusals.stream().allMatch(a -> a.at("/body/reason").asText().contains("insufficient")), summary(refusals));
        assertTrue(refusals.stream().anyMatch(a -> a.at("/body/error").asText().equals("insufficient_funds")), summary(refusals));
        refusals.stream().filter(a -> a.at("/body/error").asText().equals("insufficient_funds")).forEach(OneBalanceOnePurchaseTest::assertRefusedInX402Shape);
        assertEquals(bought, db.count("SELECT count(*) FROM generation WHERE payer = '" + payer.address() + "'"), "nothing written for a refusal");
        assertEquals(bought, db.count("SELECT count(*) FROM generation WHERE payer = '" + payer.address() + "' AND payment_status = 'settled'"));
        assertNoLostCredits(payer);
    }

    @Test
    void aPaymentWhoseSettlementWasRefusedHoldsNothing() throws Exception {
        Payer payer = x402.fund(PRICE);
        x402.facilitatorControl("reset", "{}");
        x402.facilitatorControl("fail-settle", "{\"times\":1}");
        JsonNode refused = x402.pay("v2", gateway.url("/api/generate"), payer.key(), Json.request("settle refused"));
        assertEquals("payment_not_settled", refused.path("body").path("error").asText(), refused.toString());

        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), payer.key(), Json.request("bought after all"));

        assertEquals(200, paid.path("status").asInt(), paid.toString());
        assertEquals(BigInteger.ZERO, x402.balance(payer.address()));
    }

    @Test
    void aSettledPaymentIsInTheBalanceAndHoldsNothing() throws Exception {
        Payer payer = x402.fund(PRICE.multiply(BigInteger.TWO));
        x402.facilitatorControl("reset", "{}");
        for (int i = 0; i < 2; i++) {
            JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), payer.key(), Json.request("one after the other " + i));
            assertEquals(200, paid.path("status").asInt(), paid.toString());
            Thread.sleep(400); // past app.x402.balance-lag-ms: the balance shows the transfer by now
        }
        assertEquals(BigInteger.ZERO, x402.balance(payer.address()));
        assertNoLostCredits(payer);
    }

    @Test
    void theSamePaymentSentAtOnceIsOnePurchaseNotAnOverdraft() throws Exception {
        Payer payer = x402.fund(PRICE);
        String header = x402.sign("--version", "2", "--key", payer.key(), "--requirements", offeredRequirement().toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
        int tasks = kie.createTaskCalls();

        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/generate")))
                    .header("Content-Type", "application/json").header("PAYMENT-SIGNATURE", header)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.request("a lighthouse in a storm"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = sends.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();

        // the others get the generation it bought, or are told it is being bought right now: never insufficient_funds
        assertTrue(statuses.contains(200) && statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        assertEquals(tasks + 1, kie.createTaskCalls());
        assertEquals(BigInteger.ZERO, x402.balance(payer.address()));
    }

    /** Each answer's status, code and message (the full answers carry kilobytes of base64 headers). */
    private static String summary(List<JsonNode> answers) {
        StringBuilder out = new StringBuilder();
        for (JsonNode a : answers) {
            JsonNode body = a.path("body");
            out.append('\n').append(a.path("status").asInt()).append(' ').append(body.path("code").asText(body.path("error").asText()))
                    .append(" reason=").append(body.path("reason").asText()).append(": ").append(body.path("message").asText(a.path("error").asText()));
        }
        return out.toString();
    }

    private static void assertRefusedInX402Shape(JsonNode refused) {
        JsonNode body = refused.get("body");
        assertEquals("insufficient_funds", body.path("reason").asText(), body.toString());
        assertEquals(1, body.path("x402Version").asInt(), body.toString());
        assertTrue(body.path("accepts").isArray() && body.path("paymentRequired").asBoolean(), body.toString());
        assertTrue(body.path("message").asText().contains("Nothing was charged"), body.toString());
        JsonNode v2 = Json.parse(new String(Base64.getDecoder().decode(refused.path("headers").path("payment-required").asText())));
        assertEquals("insufficient_funds", v2.path("error").asText(), v2.toString());
        assertEquals("3500000", v2.at("/accepts/0/amount").asText(), v2.toString());
    }

    private void assertNoLostCredits(Payer payer) throws Exception {
        String mine = " WHERE payer = '" + payer.address() + "'";
        assertEquals(0, db.count("SELECT count(*) FROM lost_credits" + mine), "no Kie.ai credits spent on work nobody paid for");
        assertEquals(0, db.count("SELECT count(*) FROM refund_ledger" + mine), "no one to pay back");
        String lost = AdminApi.call(gateway, "GET", "/api/admin/lost-credits", AdminApi.TOKEN, null).body();
        assertTrue(Json.parse(lost).has("count") && !lost.toLowerCase().contains(payer.address().toLowerCase()), lost);
    }
}
