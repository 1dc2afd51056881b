package dev.videogate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Prints (never asserts) what x402 costs per request, side by side in one run: the same bundle with
 * payment off and on, against the same Kie.ai simulator, the on-side paying through the local facilitator.
 * Run: mvn test -Dtest=PaymentBenchmark (excluded from the normal test run).
 */
class PaymentBenchmark {

    private static final int PAID = 40;
    private static final int CHALLENGES = 3000;

    @Test
    void printPaymentFigures() throws Exception {
        try (TestDatabase db = new TestDatabase();
             KieSimulator kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(60_000).credits(10_000_000)).start();
             LocalX402Network x402 = LocalX402Network.start();
             RunningGateway free = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of());
             RunningGateway paid = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of(
                     "app.x402.enabled", "true", "app.x402.pay-to", x402.payTo(),
                     "app.x402.facilitator-url", x402.facilitatorUrl(), "app.x402.rpc-url", x402.rpcUrl()))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = Json.request("benchmark [sim:no-callback]");

            // pre-sign the payments so signing time is not counted (the payer's cost, not ours)
            var challenge = paid.post("/api/generate", body);
            JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(
                    challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()))).get("accepts").get(0);
            List<String> headers = new ArrayList<>();
            for (int i = 0; i < PAID; i++) {
                headers.add(x402.sign("--version", "2", "--key", x402.payerKey(i % 5), "--requirements", requirement.toString(),
                        "--resource", paid.url("/api/generate")).get("header").asText());
            }
            for (int i = 0; i < 5; i++) { // warm-up both sides
                send(http, free, body, null);
            }
            // where a paid request's time goes: every endpoint the routes call, timed by Camel (ExchangeSentEvent)
            Map<String, List<Long>> stepMicros = new java.util.concurrent.ConcurrentHashMap<>();
            paid.context().getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
                @Override
                public void notify(org.apache.camel.spi.CamelEvent event) {
                    if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSentEvent sent) {
                        String uri = sent.getEndpoint().getEndpointUri().replaceAll("\\?.*", "").replaceAll("//127\\.0\\.0\\.1:\\d+", "");
                        stepMicros.computeIfAbsent(uri, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(sent.getTimeTaken() * 1000);
                    }
                }
            });
            List<Long> unpaidMs = new ArrayList<>();
            List<Long> paidMs = new ArrayList<>();
            for (int i = 0; i < PAID; i++) {
                unpaidMs.add(send(http, free, body, null));
                paidMs.add(send(http, paid, body, headers.get(i)));
            }
            Collections.sort(unpaidMs);
            Collections.sort(paidMs);
            System.out.printf("POST /api/generate, %d requests each, sequential (ms):%n", PAID);
            System.out.printf("  payment off : p50=%d p99=%d%n", pct(unpaidMs, 50), pct(unpaidMs, 99));
            System.out.printf("  x402 paid   : p50=%d p99=%d  (verify + settle on the local chain)%n", pct(paidMs, 50), pct(paidMs, 99));
            System.out.printf("  added by payment: p50=%d ms p99=%d ms%n", pct(paidMs, 50) - pct(unpaidMs, 50), pct(paidMs, 99) - pct(unpaidMs, 99));
            System.out.println("  where a paid request's time goes (Camel's time per call, ms; p50 over the paid requests; direct: steps include their calls):");
            stepMicros.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(step -> {
                List<Long> times = new ArrayList<>(step.getValue());
                Collections.sort(times);
                System.out.printf("    %-60s n=%4d p50=%6.1f%n", step.getKey(), times.size(), pct(times, 50) / 1000.0);
            });

            ExecutorService pool = Executors.newFixedThreadPool(8);
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < CHALLENGES; i++) {
                answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(paid.url("/api/generate")))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            long challenged = 0;
            for (Future<Integer> answer : answers) {
                challenged += answer.get() == 402 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("402 challenges: %d of %d answered 402 in %.2f s = %.0f requests/s (8 concurrent clients, loopback)%n",
                    challenged, CHALLENGES, seconds, CHALLENGES / seconds);
        }
    }

    private static long send(HttpClient http, RunningGateway gateway, String body, String payment) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url("/api/generate")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (payment != null) {
            request.header("PAYMENT-SIGNATURE", payment);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("benchmark request answered " + answer.statusCode() + ": " + answer.body());
        }
        return ms;
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
