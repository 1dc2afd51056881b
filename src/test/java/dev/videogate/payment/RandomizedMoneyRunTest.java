package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 60 paid requests on the local chain, each with a fault drawn at random (seeded): none, the settle answer lost
 * after or before settling, the settlement refused, Kie.ai refusing the task, Kie.ai failing the video. When the
 * reconciler is done, the report finds no disagreement with the chain, and every payer's balance change is exactly
 * the sum of its settled payments.
 */
class RandomizedMoneyRunTest extends PaidGatewayTest {

    private static final String ADMIN = "randomized-run-admin-token-0123";
    private static final int REQUESTS = 60;
    private static final int PAYERS = 4;

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.admin.token", ADMIN);
    }

    @Test
    void everyCentIsAccountedFor() throws Exception {
        Random random = new Random(402);
        List<BigInteger> before = new ArrayList<>();
        for (int p = 0; p < PAYERS; p++) {
            before.add(x402.balance(x402.payerAddress(p)));
        }
        Map<String, Integer> faults = new TreeMap<>();
        Map<Integer, Integer> answers = new TreeMap<>();
        JsonNode requirement = offeredRequirement();
        String v1Requirement = Json.parse(gateway.post("/api/generate", Json.request("v1 requirement")).body()).get("accepts").get(0).toString();
        for (int i = 0; i < REQUESTS; i++) {
            int payer = i % PAYERS;
            String fault = List.of("none", "answer-lost-after-settling", "answer-lost-before-settling", "settle-refused",
                    "kie-refuses-task", "kie-fails-video").get(random.nextInt(6));
            faults.merge(fault, 1, Integer::sum);
            String prompt = "run " + i + (fault.equals("kie-fails-video") ? " [sim:fail:random fault]" : "");
            switch (fault) {
                case "answer-lost-after-settling" -> x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"after\"}");
                case "answer-lost-before-settling" -> x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"before\"}");
                case "settle-refused" -> x402.facilitatorControl("fail-settle", "{\"times\":1}");
                case "kie-refuses-task" -> kie.failNextCreates(1, 500, 500, "random fault");
                default -> { }
            }
            String header = x402.sign("--version", i % 3 == 0 ? "1" : "2", "--key", x402.payerKey(payer),
                    "--requirements", i % 3 == 0 ? v1Requirement : requirement.toString(),
                    "--resource", gateway.url("/api/generate")).get("header").asText();
            HttpResponse<String> answer = gateway.post("/api/generate", Json.request(prompt),
                    Map.of(i % 3 == 0 ? "X-PAYMENT" : "PAYMENT-SIGNATURE", header));
            answers.merge(answer.statusCode(), 1, Integer::sum);
            x402.facilitatorControl("reset", "{}");
        }
        Await.until("the reconciler settled or failed every payment", Duration.ofSeconds(60), () -> db.count(
                "SELECT count(*) FROM generation WHERE payment_status IN ('verified', 'settling', 'settle_unknown')") == 0);

        JsonNode report = Json.parse(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url("/api/admin/reconciliation")))
                .header("Authorization", "Bearer " + ADMIN).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(0, report.get("mismatches").asInt(), report.toString());
        assertEquals(0, report.get("unconfirmed").size(), report.toString());
        assertEquals(0, report.get("unreadable").size(), report.toString());

        for (int p = 0; p < PAYERS; p++) {
            BigInteger paid = before.get(p).subtract(x402.balance(x402.payerAddress(p)));
            BigInteger settled = new BigInteger(String.valueOf(db.rows("SELECT coalesce(sum(amount_atomic), 0)::text AS s FROM generation"
                    + " WHERE lower(payer) = lower(?) AND payment_status = 'settled'", x402.payerAddress(p)).get(0).get("s")));
            assertEquals(settled, paid, "payer " + p + ": its balance change is its settled payments, no more, no less");
        }
        long settledCount = db.count("SELECT count(*) FROM generation WHERE payment_status = 'settled'");
        long owed = db.count("SELECT count(*) FROM refund_ledger WHERE refund_tx IS NULL");
        long unknownResolved = db.count("SELECT count(*) FROM generation WHERE reconcile_count > 0");
        assertTrue(settledCount > 0 && owed > 0, "the run exercised both settled and owed paths");
        System.out.printf("randomized run: %d requests, faults %s, answers %s, settled %d, owed refunds %d, unknown resolved %d,"
                + " mismatches %d%n", REQUESTS, faults, answers, settledCount, owed, unknownResolved, report.get("mismatches").asInt());
    }
}
