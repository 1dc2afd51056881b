package dev.videogate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller's webhookUrl is POSTed the status answer when the generation ends, signed per Standard Webhooks; a
 * receiver that fails or is too slow is tried again with backoff (same webhook-id); one that never answers 2xx ends
 * 'dead' and an operator replays it. Unsafe URLs are refused before anything.
 */
class WebhooksOutTest extends GatewayTest {

    /** app.webhooks.timeout-ms is 3000 (a loaded machine's good answer still fits): an answer this late is a failed attempt. */
    private static final long SLOW_MS = 6000;

    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicLong slowMs = new AtomicLong();
    /** When not empty, how the receiver answers the next POSTs, one entry each: FAIL (500), SLOW (past the timeout, then 204), OK (204). */
    private final Queue<String> script = new ConcurrentLinkedQueue<>();

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(AdminApi.SETTINGS);
        settings.putAll(Map.of("app.webhooks.secret", SECRET, "app.webhooks.allow-insecure-urls", "true",
                "app.webhooks.interval-ms", "200", "app.webhooks.timeout-ms", "3000", "app.webhooks.backoff-base-ms", "300",
                "app.webhooks.max-attempts", "3"));
        return settings;
    }

    @BeforeAll
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> seen = new HashMap<>();
                seen.put("id", exchange.getRequestHeaders().getFirst("webhook-id"));
                seen.put("timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"));
                seen.put("signature", exchange.getRequestHeaders().getFirst("webhook-signature"));
                seen.put("body", body);
                received.add(seen);
                String step = script.poll();
                if (step != null) {
                    if ("SLOW".equals(step)) {
                        Thread.sleep(SLOW_MS);
                    }
                    exchange.sendResponseHeaders("FAIL".equals(step) ? 500 : 204, -1);
                    return;
                }
                if (slowMs.get() > 0) {
                    Thread.sleep(slowMs.getAndSet(0));
                }
                int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // a pool, so a slow answer in progress does not hold the next attempt in the accept queue
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aFailingThenSlowReceiverGetsItSignedOnTheThirdTry() throws Exception {
        failuresLeft.set(0);
        slowMs.set(0);
        script.clear();
        script.addAll(List.of("FAIL", "SLOW", "OK"));
        String id = createWithHook("A hook after rain").get("generationId").asText();
        Await.until("delivered", Duration.ofSeconds(30), () -> delivered(id));

        Map<String, Object> delivery = db.rows("SELECT attempts, status FROM webhook_delivery WHERE generation_id = ?", id).get(0);
        assertEquals(3, ((Number) delivery.get("attempts")).intValue(), "a 500, a too-slow answer, then the delivery: " + delivery);
        List<Map<String, String>> mine = received.stream().filter(r -> r.get("body").contains(id)).toList();
        assertEquals(3, mine.size(), "the receiver saw exactly three POSTs for this generation");
        assertTrue(script.isEmpty(), "all three scripted answers were used: " + script);
        assertEquals(1, mine.stream().map(r -> r.get("id")).distinct().count(), "one webhook-id across retries");
        Map<String, String> last = mine.get(2);
        assertEquals(new StandardWebhookSigner(SECRET).signature(last.get("id"), Long.parseLong(last.get("timestamp")), last.get("body")),
                last.get("signature"), "a Standard Webhooks receiver verifies the delivered one with the secret");
        JsonNode body = Json.parse(last.get("body"));
        assertEquals(id, body.get("generationId").asText());
        assertEquals("completed", body.get("state").asText(), body.toString());
        // it waited for our copy of the video: the webhook carries our URL, as the status answer does
        assertEquals("stored", body.path("storage").path("status").asText(), body.toString());
        assertEquals(gateway.url("/api/generate/" + id + "/files/0"), body.get("result").asText(), body.toString());
    }

    @Test
    void aReceiverThatNeverAnswersEndsDeadAndIsReplayed() throws Exception {
        received.clear();
        script.clear();
        failuresLeft.set(1000);
        String id = createWithHook("A hook into the void").get("generationId").asText();
        Await.until("dead after 3 attempts", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM webhook_delivery WHERE generation_id = '" + id + "' AND status = 'dead' AND attempts = 3") == 1);
        JsonNode dead = Json.parse(AdminApi.call(gateway, "GET", "/api/admin/webhooks?status=dead", AdminApi.TOKEN, null).body());
        String deliveryId = null;
        for (JsonNode entry : dead.get("webhooks")) {
            if (entry.get("generationId").asText().equals(id)) {
                deliveryId = entry.get("id").asText();
                assertTrue(entry.get("lastError").asText().contains("500"), entry.toString());
            }
        }
        assertTrue(deliveryId != null, dead.toString());
        failuresLeft.set(0);
        HttpResponse<String> replay = AdminApi.call(gateway, "POST", "/api/admin/webhooks/" + deliveryId + "/replay", AdminApi.TOKEN, null);
        assertEquals(200, replay.statusCode(), replay.body());
        Await.until("delivered after the replay", Duration.ofSeconds(20), () -> delivered(id));
        assertEquals(404, AdminApi.call(gateway, "POST", "/api/admin/webhooks/99999999/replay", AdminApi.TOKEN, null).statusCode());
    }

    @Test
    void aSlowReceiverIsTriedAgain() throws Exception {
        received.clear();
        script.clear();
        failuresLeft.set(0);
        slowMs.set(SLOW_MS); // over app.webhooks.timeout-ms
        String id = createWithHook("A hook at a slow desk").get("generationId").asText();
        Await.until("delivered", Duration.ofSeconds(30), () -> delivered(id));
        assertTrue(received.size() >= 2, "the first, too slow, did not count: " + received.size());
    }

    @Test
    void unsafeWebhookUrlsAreRefusedBeforeAnything() throws Exception {
        int creates = kie.createTaskCalls();
        HttpResponse<String> answer = gateway.post("/api/generate",
                "{\"model\":\"sora-2\",\"prompt\":\"x\",\"webhookUrl\":\"ftp://127.0.0.1/hook\"}");
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(400, gateway.post("/api/generate", "{\"model\":\"sora-2\",\"prompt\":\"x\",\"webhookUrl\":42}").statusCode());
        assertEquals(creates, kie.createTaskCalls());
    }

    private boolean delivered(String id) throws Exception {
        return db.count("SELECT count(*) FROM webhook_delivery WHERE generation_id = '" + id + "' AND status = 'delivered'") == 1;
    }

    private JsonNode createWithHook(String prompt) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate",
                "{\"model\":\"sora-2\",\"prompt\":\"" + prompt + "\",\"webhookUrl\":\"" + hookUrl() + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        return Json.parse(created.body());
    }
}
