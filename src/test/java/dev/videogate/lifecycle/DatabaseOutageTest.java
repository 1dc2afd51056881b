package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.OwnPostgres;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL stops under a running bundle (x402 on, the local x402 network). While it is down, every answer that needs
 * it is 503 database_unavailable with Retry-After, in JSON: status reads, long-polls at their deadline, paid and unpaid
 * requests, Kie.ai's callback, the operator endpoints; readiness says DOWN. Nothing is verified, started, charged or
 * half-written, and once PostgreSQL is back the same signed payment buys its video. A paid request cut off after its
 * Kie.ai task exists leaves its row for the callback and the reconciler, and is charged once; one whose undo cannot
 * reach the database still hears why it failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private static final BigInteger PRICE = BigInteger.valueOf(3_500_000);
    private static final String ADMIN = "outage-admin-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private OwnPostgres pg;
    private TestDatabase db;
    private KieSimulator kie;
    private LocalX402Network x402;
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        pg = new OwnPostgres();
        db = pg.database();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(300)).start();
        x402 = LocalX402Network.start();
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), settings("outage-answers"));
    }

    @AfterAll
    void stop() throws Exception {
        pg.start();
        callers.shutdownNow();
        gateway.close();
        x402.close();
        kie.close();
        db.close();
        pg.close();
    }

    private Map<String, String> settings(String name) {
        Map<String, String> settings = new HashMap<>(x402.gatewaySettings());
        settings.putAll(Map.of("camel.main.name", name, "app.admin.token", ADMIN, "app.longpoll.timeout-ms", "6000",
                "app.x402.reconcile-after-ms", "500", "app.poll.grace-ms", "500"));
        return settings;
    }

    @Test
    void everyAnswerIs503WhileTheDatabaseIsDown() throws Exception {
        JsonNode bought = Json.parse(gateway.post("/api/generate", Json.request("bought before the outage"),
                Map.of("PAYMENT-SIGNATURE", sign(gateway, "bought before the outage", 0))).body());
        String id = bought.get("generationId").asText();
        String taskId = bought.get("kieTaskId").asText();
        Await.until("Kie.ai finished the first task", Duration.ofSeconds(20), () -> kie.task(taskId).finished());
        Map<String, String> token = Map.of("Authorization", "Bearer " + bought.get("accessToken").asText());
        String payment = sign(gateway, "paid while the database is down", 1);
        BigInteger payerBefore = x402.balance(x402.payerAddress(1));
        JsonNode facilitatorBefore = x402.facilitatorStats();
        int tasksBefore = kie.createTaskCalls();
        Map<String, String> admin = Map.of("Authorization", "Bearer " + ADMIN);

        pg.stop();
        try {
            long heldFrom = System.nanoTime();
            CompletableFuture<HttpResponse<String>> longPoll = async(() -> gateway.get("/api/generate/" + id + "?poll=true", token));
            Map<String, CompletableFuture<HttpResponse<String>>> answers = new LinkedHashMap<>();
            answers.put("GET status", async(() -> gateway.get("/api/generate/" + id + "?poll=false", token)));
            answers.put("POST unpaid", async(() -> gateway.post("/api/generate", Json.request("unpaid while the database is down"))));
            answers.put("POST paid", async(() -> gateway.post("/api/generate", Json.request("paid while the database is down"),
                    Map.of("PAYMENT-SIGNATURE", payment))));
            answers.put("POST callback", async(() -> gateway.post("/api/callback", kie.callbackBody(taskId))));
            answers.put("GET refunds", async(() -> gateway.get("/api/admin/refunds", admin)));
            answers.put("POST refund", async(() -> gateway.post("/api/admin/refunds/" + id, "{\"refundTx\":\"0x" + "ab".repeat(32) + "\"}", admin)));
            answers.put("GET lost credits", async(() -> gateway.get("/api/admin/lost-credits", admin)));
            answers.put("GET webhooks", async(() -> gateway.get("/api/admin/webhooks?status=dead", admin)));
            for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : answers.entrySet()) {
                assertDatabaseUnavailable(answer.getKey(), answer.getValue().get(30, TimeUnit.SECONDS));
            }
            assertDatabaseUnavailable("GET poll=true", longPoll.get(30, TimeUnit.SECONDS));
            long heldMs = (System.nanoTime() - heldFrom) / 1_000_000;
            assertTrue(heldMs >= 5500, "the long-poll was held to its own deadline (6 s), not answered early: " + heldMs + " ms");

            JsonNode ready = Json.parse(observe(gateway, "/observe/health/ready?exposureLevel=full").body());
            assertEquals("DOWN", ready.get("status").asText(), ready.toString());
            assertTrue(ready.toString().contains("database"), ready.toString());
            assertEquals(200, gateway.get("/api/models").statusCode(), "the catalog needs no database");
        } finally {
            pg.start();
        }
        awaitReady(gateway);

        JsonNode facilitatorAfter = x402.facilitatorStats();
        assertEquals(facilitatorBefore.get("verifyCalls").asInt(), facilitatorAfter.get("verifyCalls").asInt(), "nothing verified");
        assertEquals(facilitatorBefore.get("settleCalls").asInt(), facilitatorAfter.get("settleCalls").asInt(), "nothing settled");
        assertEquals(tasksBefore, kie.createTaskCalls(), "no Kie.ai task");
        assertEquals(0, db.count("SELECT count(*) FROM generation WHERE prompt LIKE '%while the database is down'"), "nothing written");
        assertEquals(payerBefore, x402.balance(x402.payerAddress(1)), "not charged");

        HttpResponse<String> now = gateway.post("/api/generate", Json.request("paid while the database is down"), Map.of("PAYMENT-SIGNATURE", payment));
        assertEquals(200, now.statusCode(), "the same signed payment buys its video once the database is back: " + now.body());
        assertEquals(payerBefore.subtract(PRICE), x402.balance(x402.payerAddress(1)), "charged once");
        HttpResponse<String> status = gateway.get("/api/generate/" + id + "?poll=true", token);
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("completed", Json.parse(status.body()).get("state").asText(), status.body());
    }

    @Test
    void aPaidRequestCutOffByTheOutageIsLeftForTheCallbackAndTheReconciler() throws Exception {
        AtomicReference<String> stopAt = new AtomicReference<>();
        try (RunningGateway cut = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), settings("outage-cut"))) {
            // fault points: PostgreSQL stops right after Kie.ai created the task, or right before a failed request's undo
            AdviceWith.adviceWith(cut.context(), "generate-request",
                    route -> route.weaveById("generate-task-created").before().process(e -> stopDatabaseAt("task-created", stopAt)));
            AdviceWith.adviceWith(cut.context(), "generate-undo",
                    route -> route.weaveById("generate-delete-uncreated").before().process(e -> stopDatabaseAt("undo", stopAt)));

            // 1. the task exists, its id cannot be written: the row stays as written, nothing is settled yet
            BigInteger before = x402.balance(x402.payerAddress(2));
            String payment = sign(cut, "cut off after createTask", 2);
            int tasks = kie.createTaskCalls();
            stopAt.set("task-created");
            HttpResponse<String> cutOff = cut.post("/api/generate", Json.request("cut off after createTask"), Map.of("PAYMENT-SIGNATURE", payment));
            assertDatabaseUnavailable("POST cut off after createTask", cutOff);
            assertEquals(tasks + 1, kie.createTaskCalls(), "Kie.ai made the task");
            String taskId = kie.taskIds().get(kie.taskIds().size() - 1);
            pg.start();
            awaitReady(cut);
            List<Map<String, Object>> rows = db.rows("SELECT id, state, kie_task_id, payment_status FROM generation WHERE prompt = 'cut off after createTask'");
            assertEquals(1, rows.size(), "the row is left, not deleted: " + rows);
            Map<String, Object> row = rows.get(0);
            // as written, unless Kie.ai's own callback (retried while the database was down) has adopted the task already
            if (row.get("kie_task_id") == null) {
                assertEquals("creating", row.get("state"), "the row is left as written: " + row);
                assertEquals("verified", row.get("payment_status"), "nothing settled: " + row);
            } else {
                assertEquals(taskId, row.get("kie_task_id"), "adopted by its own task only: " + row);
            }
            // Kie.ai's callback names the generation: the task is adopted, paid for and delivered
            Await.until("Kie.ai finished the task", Duration.ofSeconds(20), () -> kie.task(taskId).finished());
            kie.resendCallback(taskId).get(30, TimeUnit.SECONDS);
            Await.until("adopted, settled and completed", Duration.ofSeconds(30),
                    () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'cut off after createTask' AND kie_task_id = '" + taskId
                            + "' AND payment_status = 'settled' AND state = 'completed'") == 1,
                    () -> db.rows("SELECT state, kie_task_id, payment_status FROM generation WHERE prompt = 'cut off after createTask'").toString());
            assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(2)), "charged exactly once");
            HttpResponse<String> again = cut.post("/api/generate", Json.request("cut off after createTask"), Map.of("PAYMENT-SIGNATURE", payment));
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(taskId, Json.parse(again.body()).get("kieTaskId").asText(), "the same generation, no second task");
            assertEquals(tasks + 1, kie.createTaskCalls());

            // 2. Kie.ai refuses the task and the undo cannot reach the database: the caller hears Kie.ai's refusal
            String refused = sign(cut, "refused and not undone", 3);
            kie.failNextCreates(1, 200, 422, "input not allowed");
            stopAt.set("undo");
            HttpResponse<String> answer = cut.post("/api/generate", Json.request("refused and not undone"), Map.of("PAYMENT-SIGNATURE", refused));
            pg.start();
            assertEquals(422, answer.statusCode(), answer.body());
            assertEquals("upstream_rejected_input", Json.parse(answer.body()).get("error").asText(), answer.body());
            assertEquals("creating", db.rows("SELECT state FROM generation WHERE prompt = 'refused and not undone'").get(0).get("state"),
                    "left for the sweep (close-interrupted) and the reconciler, as after a crash");
        } finally {
            pg.start();
        }
    }

    private void stopDatabaseAt(String point, AtomicReference<String> stopAt) {
        if (stopAt.compareAndSet(point, null)) {
            try {
                pg.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void assertDatabaseUnavailable(String what, HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode(), what + ": " + answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""), what);
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""), what + " carries Retry-After");
        JsonNode body = Json.parse(answer.body());
        assertEquals("database_unavailable", body.get("error").asText(), what + ": " + answer.body());
        assertEquals(false, body.get("success").asBoolean(), what);
    }

    /** A payment for the 402 challenge of this prompt, signed by a test payer (sent later, or never). */
    private String sign(RunningGateway target, String prompt, int payer) throws Exception {
        HttpResponse<String> challenge = target.post("/api/generate", Json.request(prompt));
        assertEquals(402, challenge.statusCode(), challenge.body());
        JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow())))
                .get("accepts").get(0);
        return x402.sign("--version", "2", "--key", x402.payerKey(payer), "--requirements", requirement.toString(),
                "--resource", target.url("/api/generate")).get("header").asText();
    }

    /** A caller of its own: the callers wait on the outage at the same time. */
    private CompletableFuture<HttpResponse<String>> async(Callable<HttpResponse<String>> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, callers);
    }

    /** Ready again: PostgreSQL answers and the LISTEN connection is back (until then paid requests are refused). */
    private void awaitReady(RunningGateway target) throws Exception {
        Await.until("ready again", Duration.ofSeconds(30),
                () -> "UP".equals(Json.parse(observe(target, "/observe/health/ready").body()).get("status").asText()));
    }

    private HttpResponse<String> observe(RunningGateway target, String path) throws Exception {
        String port = target.context().resolvePropertyPlaceholders("{{camel.management.port}}");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
