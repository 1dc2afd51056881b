package dev.videogate.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AnswerLosingKie;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A generation whose createTask answer was lost waits for Kie.ai's callback to name it (?generation=) and bring its
 * task, which recordInfo must confirm. Anyone can send such callbacks with made-up task ids: they cost at most one
 * recordInfo per generation per app.callback.confirm-interval-ms (the rest answer 429 with Retry-After, so Kie.ai's
 * own retry of the real one comes back and is adopted), and none at all once the generation's payment has failed.
 */
class AdoptionReadsAreRationedTest extends PaidGatewayTest {

    private static final String LOSE_ANSWER = "lose-the-create-answer";
    private static final int INTERVAL_MS = 3000;

    private AnswerLosingKie lossy;

    @Override
    protected Map<String, String> settings() {
        try {
            lossy = new AnswerLosingKie(kie.rootUrl(), LOSE_ANSWER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("app.kie.api-url", lossy.baseUrl(kie.baseUrl()), "app.kie.response-timeout-ms", "1000",
                "app.kie.connect-timeout-ms", "1000", "app.callback.confirm-interval-ms", String.valueOf(INTERVAL_MS),
                "app.x402.min-validity-seconds", "7", "app.x402.reconcile-after-ms", "500", "app.x402.reconcile-interval-ms", "300");
    }

    @AfterAll
    void stopLossy() {
        lossy.close();
    }

    @Test
    void aFloodNamingAWaitingGenerationCostsOneReadPerInterval() throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("waits for its task [sim:no-callback] " + LOSE_ANSWER));
        assertEquals(202, paid.get("status").asInt(), paid.toString());
        String id = paid.get("body").get("generationId").asText();
        String taskId = lossy.createdTaskIds().get(lossy.createdTaskIds().size() - 1);
        Await.until("Kie.ai made the video", Duration.ofSeconds(10), () -> "success".equals(kie.task(taskId).state()));

        Instant start = Instant.now();
        List<String> forged = flood(id, 20);
        assertTrue(Duration.between(start, Instant.now()).toMillis() < INTERVAL_MS, "the flood fit in one interval");
        assertEquals(1, reads(forged), "20 callbacks with made-up task ids inside one interval: one recordInfo");

        // Kie.ai's real callback lands inside the interval too: 429, and its retry after the interval is adopted
        int answer = kie.resendCallback(taskId).get();
        assertEquals(200, answer, "Kie.ai's retry got through");
        assertTrue(kie.task(taskId).callbackAttempts() > 1, "the first attempt was told to come back later");
        Await.until("adopted, settled and delivered", Duration.ofSeconds(15), () -> db.count("SELECT count(*) FROM generation WHERE id = ?"
                + " AND kie_task_id = ? AND payment_status = 'settled' AND state = 'completed'", id, taskId) == 1);
        assertEquals(1, kie.recordInfoCalls(taskId), "the real task was read once");
        assertEquals(1, reads(forged), "no made-up task was read since");
    }

    @Test
    void aGenerationWhosePaymentFailedCostsNoRead() throws Exception {
        // valid for 9 s: once the row is old enough to be closed (8 s here), the payment can no longer move and fails
        String prompt = "its payment fails while it waits [sim:no-callback] " + LOSE_ANSWER;
        // a 9 s authorization must look valid to the chain too: run first, right after the chain's setup, this class
        // met a chain clock ahead of the wall clock, and the facilitator's simulation refused the payment
        Await.until("the chain's clock is not ahead of ours", Duration.ofSeconds(60),
                () -> x402.chainTime() <= Instant.now().getEpochSecond());
        HttpResponse<String> challenge = gateway.post("/api/generate", Json.request(prompt));
        JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(
                challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()))).get("accepts").get(0);
        String header = x402.sign("--version", "2", "--key", x402.payerKey(1), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate"), "--validBefore", String.valueOf(Instant.now().getEpochSecond() + 9))
                .get("header").asText();
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request(prompt), Map.of("PAYMENT-SIGNATURE", header));
        assertEquals(202, answer.statusCode(), answer.body());
        String id = Json.parse(answer.body()).get("generationId").asText();
        String taskId = lossy.createdTaskIds().get(lossy.createdTaskIds().size() - 1);
        Await.until("the payment failed, nothing charged", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM generation WHERE id = ? AND payment_status = 'failed'", id) == 1);
        Await.until("Kie.ai made the video", Duration.ofSeconds(10), () -> "success".equals(kie.task(taskId).state()));

        List<String> forged = flood(id, 20);
        forged.add(taskId);
        assertEquals(404, (int) kie.resendCallback(taskId).get(), "Kie.ai's real callback finds nothing to deliver either");
        assertEquals(0, reads(forged), "no recordInfo for a generation whose payment failed");
    }

    /** POSTs callbacks with made-up task ids naming the generation; returns those ids. 429s carry Retry-After. */
    private List<String> flood(String generationId, int times) throws Exception {
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            String taskId = "madeup" + System.nanoTime();
            taskIds.add(taskId);
            HttpResponse<String> answer = gateway.post("/api/callback?generation=" + generationId,
                    "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"" + taskId + "\",\"state\":\"success\"}}");
            assertTrue(answer.statusCode() >= 400, answer.body());
            if (answer.statusCode() == 429) {
                assertEquals("callback_throttled", Json.parse(answer.body()).get("error").asText(), answer.body());
                assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
            }
        }
        return taskIds;
    }

    private int reads(List<String> taskIds) {
        return taskIds.stream().mapToInt(kie::recordInfoCalls).sum();
    }
}
