package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official x402 clients pay our endpoint; USDC moves exactly once; only the payer reads the result. */
class OfficialClientsPayOnceTest extends PaidGatewayTest {

    @ParameterizedTest(name = "client {0}")
    @CsvSource({"v2, 0, PAYMENT-RESPONSE", "v1, 1, X-PAYMENT-RESPONSE"})
    void officialClientPaysAndReadsItsVideo(String client, int payer, String settlementHeader) throws Exception {
        BigInteger payerBefore = x402.balance(x402.payerAddress(payer));
        BigInteger payToBefore = x402.balance(x402.payTo());
        int tasksBefore = kie.createTaskCalls();

        JsonNode paid = x402.pay(client, gateway.url("/api/generate"), x402.payerKey(payer), Json.request("a red fox, " + client));

        assertEquals(200, paid.get("status").asInt(), paid.toString());
        JsonNode body = paid.get("body");
        String id = body.get("generationId").asText();
        assertTrue(paid.get("headers").has(settlementHeader.toLowerCase()), paid.toString());
        assertTrue(paid.get("paymentResponse").get("success").asBoolean(), paid.toString());
        String tx = paid.get("paymentResponse").get("transaction").asText();
        assertTrue(tx.matches("0x[0-9a-f]{64}"), tx);
        assertEquals(payerBefore.subtract(PRICE), x402.balance(x402.payerAddress(payer)), "payer paid 3.50 once");
        assertEquals(payToBefore.add(PRICE), x402.balance(x402.payTo()), "payTo received 3.50 once");
        assertEquals(tasksBefore + 1, kie.createTaskCalls());

        Map<String, Object> row = db.rows("SELECT payer, amount_atomic, payment_status, payment_tx, payment_network, payment_version"
                + " FROM generation WHERE id = ?", id).get(0);
        assertEquals(x402.payerAddress(payer).toLowerCase(), row.get("payer").toString().toLowerCase());
        assertEquals("3500000", row.get("amount_atomic").toString());
        assertEquals("settled", row.get("payment_status"));
        assertEquals(tx, row.get("payment_tx"));
        assertEquals("eip155:84532", row.get("payment_network"));
        assertEquals(client.equals("v2") ? 2 : 1, ((Number) row.get("payment_version")).intValue());

        // only the bearer of the access token from the paid answer reads the result
        assertEquals(401, gateway.get("/api/generate/" + id + "?poll=false").statusCode());
        HttpResponse<String> mine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.url("/api/generate/" + id + "?poll=true")))
                .header("Authorization", "Bearer " + body.get("accessToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, mine.statusCode(), mine.body());
        assertEquals("completed", Json.parse(mine.body()).get("state").asText(), mine.body());
    }

    @Test
    void sameSignedPaymentTwiceBuysOneGeneration() throws Exception {
        JsonNode first = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(2), Json.request("replayed once"));
        assertEquals(200, first.get("status").asInt(), first.toString());
        String header = first.get("request").get("paymentHeader").asText();
        BigInteger payerAfterFirst = x402.balance(x402.payerAddress(2));
        int tasks = kie.createTaskCalls();

        HttpResponse<String> replay = gateway.post("/api/generate", Json.request("replayed once"), Map.of("PAYMENT-SIGNATURE", header));

        assertEquals(200, replay.statusCode(), replay.body());
        JsonNode again = Json.parse(replay.body());
        assertEquals(first.get("body").get("generationId").asText(), again.get("generationId").asText(), "the same generation");
        assertEquals(first.get("body").get("kieTaskId").asText(), again.get("kieTaskId").asText());
        assertTrue(again.get("alreadyPaid").asBoolean());
        assertTrue(!again.has("accessToken"), "settled: the signed payment is public on chain, it is no credential any more");
        assertEquals(tasks, kie.createTaskCalls(), "no second task");
        assertEquals(payerAfterFirst, x402.balance(x402.payerAddress(2)), "no second charge");
    }

    @Test
    void sameSignedPaymentSentConcurrentlyBuysOneGeneration() throws Exception {
        JsonNode requirement = offeredRequirement();
        String header = x402.sign("--version", "2", "--key", x402.payerKey(3), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
        BigInteger before = x402.balance(x402.payerAddress(3));
        int tasks = kie.createTaskCalls();

        List<CompletableFuture<HttpResponse<String>>> sends = List.of(
                sendAsync(header), sendAsync(header), sendAsync(header), sendAsync(header));
        List<HttpResponse<String>> answers = sends.stream().map(CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();

        // one request buys it; the others get that generation, or are told the payment is in use right now
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        List<String> ids = answers.stream().filter(a -> a.statusCode() == 200)
                .map(a -> Json.parse(a.body()).path("generationId").asText(a.body())).distinct().toList();
        assertEquals(1, ids.size(), "every 200 names the same generation: " + ids);
        answers.stream().filter(a -> a.statusCode() == 409).forEach(a ->
                assertEquals("payment_in_progress", Json.parse(a.body()).path("error").asText(a.body()), a.body()));
        assertEquals(tasks + 1, kie.createTaskCalls(), "one task for one payment");
        assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(3)), "one charge");
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String header) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/generate")))
                .header("Content-Type", "application/json").header("PAYMENT-SIGNATURE", header)
                .POST(HttpRequest.BodyPublishers.ofString(Json.request("a lighthouse in a storm"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
