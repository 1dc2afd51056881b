package dev.videogate.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database share one create budget: Kie.ai (the simulator) allows 2 createTask per 3 s, each
 * instance is told the same, and 8 requests arrive at once, half on each. Every one is accepted (200 or 202 queued),
 * every one completes, and Kie.ai never saw more than 2 creates in a window, nor answered a 429.
 */
class TwoInstancesShareOneCreateRateTest {

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway a;
    static RunningGateway b;

    @BeforeAll
    static void start() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(300).createRateLimit(2, 3000)).start();
        Map<String, String> rate = Map.of("app.kie.create-rate", "2", "app.kie.create-window-ms", "3000",
                "app.queue.interval-ms", "200", "app.poll.interval-ms", "200", "app.poll.grace-ms", "100");
        a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), named("a", rate));
        b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), named("b", rate));
    }

    private static Map<String, String> named(String name, Map<String, String> settings) {
        Map<String, String> named = new java.util.HashMap<>(settings);
        named.put("camel.main.name", "video-gateway-" + name);
        return named;
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        kie.close();
        db.close();
    }

    @Test
    void eightAtOnceOnTwoInstancesStayWithinOneRate() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RunningGateway front = i % 2 == 0 ? a : b;
            String body = Json.request("Shared budget " + i);
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return front.post("/api/generate", body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        int queued = 0;
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> answer = f.get();
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 202, answer.statusCode() + " " + answer.body());
            JsonNode body = Json.parse(answer.body());
            if (answer.statusCode() == 202) {
                assertEquals("queued", body.get("state").asText(), body.toString());
                queued++;
            }
        }
        pool.shutdown();
        assertTrue(queued >= n - 2, "at most 2 created at once, the others queued: " + queued);
        Await.until("all " + n + " completed", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM generation WHERE state = 'completed'") == n);
        assertEquals(0, kie.rateLimitedCreates(), "no createTask over Kie.ai's rate");
        assertTrue(kie.maxCreatesInWindow() <= 2, "creates in one window: " + kie.maxCreatesInWindow());
        assertEquals(n, kie.createTaskCalls(), "one createTask each");
        assertEquals(n, db.count("SELECT count(*) FROM generation WHERE task_created_at IS NOT NULL AND kie_task_id IS NOT NULL"));
    }
}
