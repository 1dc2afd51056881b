package dev.videogate.longpoll;

import org.apache.camel.BeanInject;
import dev.videogate.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * GET ?poll=true holds the caller until the generation ends and answers as soon as the callback is recorded,
 * without holding a worker thread; GET ?poll=false answers at once. (Poller grace is 60 s here: only callbacks end
 * generations.)
 */
class LongPollWakesOnCallbackTest extends GatewayTest {

    @BeanInject("generationWaiters")
    GenerationWaiters waiters;

    private GenerationWaiters waiters() {
        return waiters;
    }

    @Test
    void longPollIsHeldWhileRunningThenAnswersCompleted() throws Exception {
        JsonNode created = create("A slow sunrise [sim:slow:4000]");
        String id = created.get("generationId").asText();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> held = gateway.getAsync("/api/generate/" + id + "?poll=true");

        Thread.sleep(500); // a negative can only be checked after some time: not answered while the task runs
        assertFalse(held.isDone(), "the long-poll answered while the task was still running");
        assertEquals("processing", status(id, false).get("state").asText());

        HttpResponse<String> answer = held.get(20, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
        // 4 s of task against a 0.5 s look: a loaded machine's slow create cannot end the task before the look
        assertTrue(tookMs >= 3000, "answered after " + tookMs + " ms, before the 4000 ms task could end");
    }

    @Test
    void pollFalseAnswersAtOnceWhileRunning() throws Exception {
        String id = create("A glacier [sim:stuck]").get("generationId").asText();
        long start = System.nanoTime();
        HttpResponse<String> answer = gateway.get("/api/generate/" + id + "?poll=false");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = Json.parse(answer.body());
        assertEquals("processing", body.get("state").asText(), answer.body());
        assertFalse(body.get("success").asBoolean());
        assertTrue(tookMs < 2000, "poll=false took " + tookMs + " ms");
        HttpResponse<String> plain = gateway.get("/api/generate/" + id);
        assertEquals("processing", Json.parse(plain.body()).get("state").asText(), "no poll parameter = poll=false");
    }

    @Test
    void wakeUpLatencyAfterCallback() throws Exception {
        int runs = 10;
        List<Long> latencies = new ArrayList<>();
        kie.setCallbacksEnabled(false); // the test sends each callback itself, at a known time
        try {
            for (int i = 0; i < runs; i++) {
                JsonNode created = create("Latency probe " + i + " [sim:slow:150]");
                String id = created.get("generationId").asText();
                String taskId = created.get("kieTaskId").asText();
                CompletableFuture<Long> answeredAt = new CompletableFuture<>();
                CompletableFuture<HttpResponse<String>> held = gateway.getAsync("/api/generate/" + id + "?poll=true")
                        .whenComplete((r, e) -> answeredAt.complete(System.nanoTime()));
                Await.until("caller parked and Kie.ai task ended", Duration.ofSeconds(5),
                        () -> waiters().count() == 1 && kie.task(taskId).finished());
                assertFalse(held.isDone(), "answered before any callback");

                long sent = System.nanoTime();
                kie.resendCallback(taskId);
                HttpResponse<String> answer = held.get(10, TimeUnit.SECONDS);
                assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
                latencies.add((answeredAt.get() - sent) / 1_000_000);
            }
        } finally {
            kie.setCallbacksEnabled(true);
        }
        Collections.sort(latencies);
        System.out.printf("long-poll wake-up after callback: p50=%d ms max=%d ms over %d runs (all: %s)%n",
                latencies.get(runs / 2), latencies.get(runs - 1), runs, latencies);
    }

    @Test
    void thirtyConcurrentLongPollsAreAllAnswered() throws Exception {
        int n = 30; // more than the 20 Vert.x worker threads
        List<String> ids = new ArrayList<>();
        List<String> taskIds = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        kie.setCallbacksEnabled(false);
        try {
            for (int i = 0; i < n; i++) {
                JsonNode created = create("Crowd " + i + " [sim:slow:100]");
                ids.add(created.get("generationId").asText());
                taskIds.add(created.get("kieTaskId").asText());
            }
            for (String id : ids) {
                held.add(gateway.getAsync("/api/generate/" + id + "?poll=true"));
            }
            Await.until("all " + n + " callers parked at once", Duration.ofSeconds(10), () -> waiters().count() == n);
            Await.until("all Kie.ai tasks ended", Duration.ofSeconds(10),
                    () -> taskIds.stream().allMatch(t -> kie.task(t).finished()));
            assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "answered before any callback");

            // with 30 callers parked, the gateway still serves ordinary requests at once
            HttpResponse<String> look = gateway.get("/api/generate/" + ids.get(0) + "?poll=false");
            assertEquals("processing", Json.parse(look.body()).get("state").asText(), look.body());

            long start = System.nanoTime();
            for (String taskId : taskIds) {
                kie.resendCallback(taskId);
            }
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            for (CompletableFuture<HttpResponse<String>> f : held) {
                HttpResponse<String> answer = f.get();
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
            }
            System.out.printf("%d concurrent long-polls all answered %d ms after their callbacks were sent%n",
                    n, (System.nanoTime() - start) / 1_000_000);
            assertEquals(0, waiters().count(), "no waiter left behind");
        } finally {
            kie.setCallbacksEnabled(true);
        }
    }
}
