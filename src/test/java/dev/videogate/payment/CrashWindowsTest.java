package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.AnswerLosingKie;
import dev.videogate.support.Await;
import dev.videogate.support.ContractCheck;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bundle stops in the middle of a paid request (its instance is stopped while the request waits upstream, or at
 * a fault point), and another instance on the same database takes over; or an answer is lost on the way. Every case
 * ends as settled + delivered, or not charged + no task, and the signed payment cannot buy a second generation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashWindowsTest {

    private static final BigInteger PRICE = BigInteger.valueOf(3_500_000);

    private TestDatabase db;
    private KieSimulator kie;
    private LocalX402Network x402;
    private ContractCheck.OffContract stoppedMidRequest;

    @BeforeAll
    void start() throws Exception {
        // an instance stopped under a request answers as Camel stops (no JSON); a real crash would cut the connection
        stoppedMidRequest = ContractCheck.OffContract.allow("an instance stopped in the middle of the request",
                a -> a.contentType() == null || a.contentType().startsWith("text/plain") && (a.body() == null || a.body().isEmpty()));
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(300)).start();
        x402 = LocalX402Network.start();
    }

    @AfterAll
    void stop() throws Exception {
        stoppedMidRequest.close();
        x402.close();
        kie.close();
        db.close();
    }

    private Map<String, String> paid(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(x402.gatewaySettings());
        props.putAll(Map.of("app.x402.reconcile-after-ms", "500", "camel.main.shutdown-timeout", "1", "app.poll.grace-ms", "200"));
        props.putAll(extra);
        return props;
    }

    @Test
    void stoppedWhileKieWasCreatingTheTask() throws Exception {
        lastPaymentHeader = null;
        BigInteger before = x402.balance(x402.payerAddress(0));
        int tasks = kie.createTaskCalls();
        try (SilentServer silentKie = new SilentServer()) {
            RunningGateway a = RunningGateway.start(db, silentKie.url(), kie.apiKey(),
                    paid(Map.of("camel.main.name", "crash-a1", "app.kie.response-timeout-ms", "60000")));
            CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(() -> pay(a, 0, "stopped at createTask"));
            // (the poller may also knock on the silent Kie.ai, for rows of earlier tests: wait for this request's row too)
            Await.until("the row is written and createTask is waiting", Duration.ofSeconds(20),
                    () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at createTask'") == 1 && silentKie.hasRequest());
            Thread.sleep(300);
            a.close();
            paying.exceptionally(e -> null).join();
            String header = lastPaymentHeader;

            // B waits for a callback that could adopt the task (none comes: the silent Kie.ai never made one) only as
            // long as its (short) adopt window, then the sweep fails the row and the reconciler fails the payment
            try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-b1",
                    "app.kie.connect-timeout-ms", "500", "app.kie.response-timeout-ms", "1000", "app.kie.adopt-window-ms", "1000")))) {
                Await.until("the reconciler ended it: never moved, no task", Duration.ofSeconds(30),
                        () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at createTask' AND payment_status = 'failed'"
                                + " AND state = 'failed'") == 1,
                        () -> db.rows("SELECT state, payment_status, created_at, updated_at, next_reconcile_at, reconcile_count, now()"
                                + " FROM generation WHERE prompt = 'stopped at createTask'") + " " + db.rows("SELECT prompt, state, payment_status FROM generation"));
                assertEquals(before, x402.balance(x402.payerAddress(0)), "not charged");
                HttpResponse<String> again = b.post("/api/generate", Json.request("stopped at createTask"), Map.of("PAYMENT-SIGNATURE", header));
                assertEquals(402, again.statusCode(), again.body());
                assertEquals("payment_not_settled", Json.parse(again.body()).get("error").asText());
                assertEquals(tasks, kie.createTaskCalls(), "no task at the real Kie.ai, then or now");
            }
        }
    }

    @Test
    void stoppedWhileTheSettlementWasOnItsWay() throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(1));
        x402.facilitatorControl("delay", "{\"verifyMs\":0,\"settleMs\":2500}");
        try {
            RunningGateway a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-a2")));
            CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(() -> pay(a, 1, "stopped at settle"));
            Await.until("the settlement is on its way", Duration.ofSeconds(20),
                    () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at settle' AND payment_status = 'settling'") == 1);
            a.close();
            paying.exceptionally(e -> null).join();
            String header = lastPaymentHeader;

            try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-b2")))) {
                Await.until("the chain says it moved: settled", Duration.ofSeconds(20),
                        () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at settle' AND payment_status = 'settled'") == 1);
                assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(1)), "charged exactly once");
                // Kie.ai's callback went to the stopped instance: this one's poller finishes the generation
                Await.until("and the video is done", Duration.ofSeconds(20),
                        () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at settle' AND state = 'completed'") == 1);
                HttpResponse<String> again = b.post("/api/generate", Json.request("stopped at settle"), Map.of("PAYMENT-SIGNATURE", header));
                assertEquals(200, again.statusCode(), again.body());
                assertEquals("completed", Json.parse(again.body()).get("state").asText(), "the same generation, not a second one");
                assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(1)), "still charged once");
            }
        } finally {
            x402.facilitatorControl("reset", "{}");
        }
    }

    @Test
    void stoppedWhileTheFacilitatorVerified() throws Exception {
        lastPaymentHeader = null;
        BigInteger before = x402.balance(x402.payerAddress(2));
        x402.facilitatorControl("delay", "{\"verifyMs\":2500,\"settleMs\":0}");
        String header;
        try {
            RunningGateway a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-a3")));
            CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(() -> pay(a, 2, "stopped at verify", null));
            int verifies = x402.facilitatorStats().get("verifyCalls").asInt();
            Await.until("the payment is signed and on its way to /verify", Duration.ofSeconds(20), () -> lastPaymentHeader != null);
            // stopped while the facilitator holds /verify (2.5 s): waited for, not guessed with a sleep
            Await.until("the bundle is waiting on /verify", Duration.ofSeconds(20),
                    () -> x402.facilitatorStats().get("verifyCalls").asInt() > verifies);
            a.close();
            paying.exceptionally(e -> null).join();
            header = lastPaymentHeader;
        } finally {
            x402.facilitatorControl("reset", "{}");
        }
        assertEquals(0, db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at verify'"), "nothing was written");
        assertEquals(before, x402.balance(x402.payerAddress(2)), "not charged");

        try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-b3")))) {
            HttpResponse<String> again = b.post("/api/generate", Json.request("stopped at verify"), Map.of("PAYMENT-SIGNATURE", header));
            assertEquals(200, again.statusCode(), "the same payment buys the generation once: " + again.body());
            assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(2)), "charged exactly once");
            assertEquals(1, db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at verify'"));
        }
    }

    @Test
    void createTaskAnswerLostWhileTheCallerWaited() throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(3));
        int tasks = kie.createTaskCalls();
        try (AnswerLosingKie lossy = new AnswerLosingKie(kie.rootUrl());
             RunningGateway a = RunningGateway.start(db, lossy.baseUrl(kie.baseUrl()), kie.apiKey(),
                     paid(Map.of("camel.main.name", "crash-a4", "app.kie.response-timeout-ms", "1000")))) {
            JsonNode answer = pay(a, 3, "answer lost at createTask", "lost-answer-key-0123456789");
            assertEquals("confirming", answer.get("paymentStatus").asText(), answer.toString());
            String id = answer.get("generationId").asText();
            assertEquals(tasks + 1, kie.createTaskCalls(), "Kie.ai made the task; its answer never came back");

            // Kie.ai's callback names the generation: the task is adopted, paid for, and delivered
            Await.until("adopted, settled and completed", Duration.ofSeconds(30),
                    () -> db.count("SELECT count(*) FROM generation WHERE id = '" + id + "' AND payment_status = 'settled'"
                            + " AND state = 'completed' AND kie_task_id = '" + lossy.createdTaskIds().get(0) + "'") == 1);
            assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(3)), "charged exactly once");
            HttpResponse<String> read = a.get("/api/generate/" + id, Map.of("Authorization", "Bearer " + answer.get("accessToken").asText()));
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("completed", Json.parse(read.body()).get("state").asText(), read.body());
            assertEquals(tasks + 1, kie.createTaskCalls(), "one task, never a second");
        }
    }

    @Test
    void stoppedAfterKieCreatedTheTask() throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(4));
        int tasks = kie.createTaskCalls();
        int bPort = dev.videogate.support.TestSettings.freePort();
        String sharedPublicUrl = "http://127.0.0.1:" + bPort; // both instances sit behind one public address
        try (AnswerLosingKie lossy = new AnswerLosingKie(kie.rootUrl())) {
            kie.setCallbacksEnabled(false); // the callback is delivered once B is up (Kie.ai retries for a while)
            RunningGateway a = RunningGateway.start(db, lossy.baseUrl(kie.baseUrl()), kie.apiKey(),
                    paid(Map.of("camel.main.name", "crash-a5", "app.kie.response-timeout-ms", "60000", "app.public-base-url", sharedPublicUrl)));
            CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(() -> pay(a, 4, "stopped after createTask", null));
            Await.until("Kie.ai created the task", Duration.ofSeconds(20), () -> !lossy.createdTaskIds().isEmpty());
            a.close();
            paying.exceptionally(e -> null).join();
            String header = lastPaymentHeader;
            String taskId = lossy.createdTaskIds().get(0);

            try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-b5",
                    "camel.server.port", String.valueOf(bPort), "app.public-base-url", sharedPublicUrl)))) {
                kie.setCallbacksEnabled(true);
                Await.until("the task is done at Kie.ai", Duration.ofSeconds(20), () -> kie.task(taskId).completeTime() != null);
                assertEquals(200, (int) kie.resendCallback(taskId).get());
                Await.until("B adopted the task, settled the payment and delivered", Duration.ofSeconds(30),
                        () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped after createTask' AND kie_task_id = '"
                                + taskId + "' AND payment_status = 'settled' AND state = 'completed'") == 1);
                assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(4)), "charged exactly once");
                HttpResponse<String> again = b.post("/api/generate", Json.request("stopped after createTask"), Map.of("PAYMENT-SIGNATURE", header));
                assertEquals(200, again.statusCode(), again.body());
                assertEquals(taskId, Json.parse(again.body()).get("kieTaskId").asText(), "the same generation, not a second one");
                assertEquals(tasks + 1, kie.createTaskCalls(), "one task at Kie.ai");
                assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(4)), "still charged once");
            }
        } finally {
            kie.setCallbacksEnabled(true);
        }
    }

    @Test
    void stoppedBeforeTheAnswerWasSent() throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(5));
        String key = "before-the-answer-" + System.nanoTime();
        RunningGateway a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-a6")));
        // the fault point: the answer is held after everything else is done, and the instance stops there
        org.apache.camel.builder.AdviceWith.adviceWith(a.context(), "generate-request",
                route -> route.weaveById("generate-reply").before().delay(5000));
        CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(() -> pay(a, 5, "stopped before the answer", key));
        Await.until("settled, answer not yet sent", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped before the answer' AND payment_status = 'settled'") == 1);
        a.close();
        paying.exceptionally(e -> null).join();
        String header = lastPaymentHeader;

        try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-b6")))) {
            // the settled authorization is public on chain: a replay alone gets the ids, not the result
            HttpResponse<String> bare = b.post("/api/generate", Json.request("stopped before the answer"), Map.of("PAYMENT-SIGNATURE", header));
            assertEquals(200, bare.statusCode(), bare.body());
            assertFalse(Json.parse(bare.body()).has("accessToken"), bare.body());
            // the payer also shows its own Idempotency-Key from the first request: it gets the token back
            HttpResponse<String> again = b.post("/api/generate", Json.request("stopped before the answer"),
                    Map.of("PAYMENT-SIGNATURE", header, "Idempotency-Key", key));
            assertEquals(200, again.statusCode(), again.body());
            JsonNode bought = Json.parse(again.body());
            String id = bought.get("generationId").asText();
            Await.until("done", Duration.ofSeconds(20),
                    () -> db.count("SELECT count(*) FROM generation WHERE id = '" + id + "' AND state = 'completed'") == 1);
            HttpResponse<String> read = b.get("/api/generate/" + id, Map.of("Authorization", "Bearer " + bought.get("accessToken").asText()));
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("completed", Json.parse(read.body()).get("state").asText(), read.body());
            assertEquals(before.subtract(PRICE), x402.balance(x402.payerAddress(5)), "charged exactly once");
            assertEquals(1, db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped before the answer'"));
        }
    }

    private volatile String lastPaymentHeader;

    private JsonNode pay(RunningGateway gateway, int payer, String prompt) {
        return pay(gateway, payer, prompt, null);
    }

    /** Signs a payment for the offered requirement (kept for the retry) and sends it; the answer may never come. */
    private JsonNode pay(RunningGateway gateway, int payer, String prompt, String idempotencyKey) {
        try {
            HttpResponse<String> challenge = gateway.post("/api/generate", Json.request(prompt));
            String required = challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
            JsonNode requirement = Json.parse(new String(java.util.Base64.getDecoder().decode(required))).get("accepts").get(0);
            lastPaymentHeader = x402.sign("--version", "2", "--key", x402.payerKey(payer), "--requirements", requirement.toString(),
                    "--resource", gateway.url("/api/generate")).get("header").asText();
            Map<String, String> headers = new HashMap<>(Map.of("PAYMENT-SIGNATURE", lastPaymentHeader));
            if (idempotencyKey != null) {
                headers.put("Idempotency-Key", idempotencyKey);
            }
            return Json.parse(gateway.post("/api/generate", Json.request(prompt), headers).body());
        } catch (Exception stoppedUnderneath) {
            return null;
        }
    }

    /** A Kie.ai that takes every request and never answers. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        private final List<Socket> held = new ArrayList<>();
        private volatile boolean requested;

        SilentServer() throws IOException {
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                        requested = true;
                    }
                } catch (IOException closed) {
                    // done
                }
            }, "silent-kie");
            accept.setDaemon(true);
            accept.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/api/v1";
        }

        boolean hasRequest() {
            return requested;
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
