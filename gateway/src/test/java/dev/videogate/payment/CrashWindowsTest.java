package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
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
 * The bundle stops in the middle of a paid request (its instance is stopped while the request waits upstream), and
 * another instance on the same database takes over. Every case ends as settled + done, or not charged + nothing
 * left running, and the signed payment cannot buy a second generation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashWindowsTest {

    private static final BigInteger PRICE = BigInteger.valueOf(3_500_000);

    private TestDatabase db;
    private KieSimulator kie;
    private LocalX402Network x402;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(300)).start();
        x402 = LocalX402Network.start();
    }

    @AfterAll
    void stop() throws Exception {
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
        BigInteger before = x402.balance(x402.payerAddress(0));
        int tasks = kie.createTaskCalls();
        try (SilentServer silentKie = new SilentServer()) {
            RunningGateway a = RunningGateway.start(db, silentKie.url(), kie.apiKey(),
                    paid(Map.of("camel.main.name", "crash-a1", "app.kie.response-timeout-ms", "60000")));
            CompletableFuture<JsonNode> paying = CompletableFuture.supplyAsync(() -> pay(a, 0, "stopped at createTask"));
            Await.until("the row is written and createTask is waiting", Duration.ofSeconds(20), silentKie::hasRequest);
            a.close();
            paying.exceptionally(e -> null).join();
            String header = lastPaymentHeader;

            try (RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), paid(Map.of("camel.main.name", "crash-b1")))) {
                Await.until("the reconciler ended it: never moved, no task", Duration.ofSeconds(20),
                        () -> db.count("SELECT count(*) FROM generation WHERE prompt = 'stopped at createTask' AND payment_status = 'failed'"
                                + " AND state = 'failed'") == 1);
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

    private volatile String lastPaymentHeader;

    /** Signs a payment for the offered requirement (kept for the retry) and sends it; the answer may never come. */
    private JsonNode pay(RunningGateway gateway, int payer, String prompt) {
        try {
            HttpResponse<String> challenge = gateway.post("/api/generate", Json.request(prompt));
            String required = challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
            JsonNode requirement = Json.parse(new String(java.util.Base64.getDecoder().decode(required))).get("accepts").get(0);
            lastPaymentHeader = x402.sign("--version", "2", "--key", x402.payerKey(payer), "--requirements", requirement.toString(),
                    "--resource", gateway.url("/api/generate")).get("header").asText();
            return Json.parse(gateway.post("/api/generate", Json.request(prompt), Map.of("PAYMENT-SIGNATURE", lastPaymentHeader)).body());
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
