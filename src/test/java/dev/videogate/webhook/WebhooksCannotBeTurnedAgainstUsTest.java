package dev.videogate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.TestDatabase;
import dev.videogate.webhook.LoopbackReceiver.Answer;
import dev.videogate.webhook.LoopbackReceiver.Seen;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A receiver is whoever a caller names in webhookUrl: it may answer slowly, endlessly, or not at all. Whatever it does
 * costs the sender at most one delivery deadline and a few KB, never holds another customer's webhook, and it sees
 * nothing of ours but the Standard Webhooks message.
 */
class WebhooksCannotBeTurnedAgainstUsTest extends GatewayTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final long DEADLINE_MS = 8000; // long enough for another generation to end while a drip holds a sender

    private LoopbackReceiver fast;
    private LoopbackReceiver drip;
    private LoopbackReceiver endlessBody;
    private LoopbackReceiver endlessHeaders;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(AdminApi.SETTINGS);
        settings.putAll(Map.of("app.webhooks.secret", SECRET, "app.webhooks.allow-insecure-urls", "true",
                "app.webhooks.interval-ms", "200", "app.webhooks.timeout-ms", String.valueOf(DEADLINE_MS),
                "app.webhooks.backoff-base-ms", "600000", "app.webhooks.concurrency", "4"));
        return settings;
    }

    @BeforeAll
    void startReceivers() throws Exception {
        fast = new LoopbackReceiver(Answer.NO_CONTENT);
        drip = new LoopbackReceiver(Answer.DRIP);
        endlessBody = new LoopbackReceiver(Answer.ENDLESS_BODY);
        endlessHeaders = new LoopbackReceiver(Answer.ENDLESS_HEADERS);
    }

    @AfterAll
    void stopReceivers() throws Exception {
        for (LoopbackReceiver receiver : new LoopbackReceiver[] {fast, drip, endlessBody, endlessHeaders}) {
            receiver.close();
        }
    }

    @Test
    void onlyTheStandardWebhooksHeadersGoOut() throws Exception {
        String id = createWithHook("headers", fast.url("/only-these"));
        Seen seen = await(fast, "/only-these", id);
        Set<String> names = new TreeSet<>(seen.headers.keySet());
        assertEquals(new TreeSet<>(Set.of("webhook-id", "webhook-timestamp", "webhook-signature", "content-type",
                "content-length", "host", "user-agent", "connection")), names, "what the receiver saw: " + seen.headers);
        assertEquals("application/json; charset=UTF-8", seen.headers.get("content-type"));
        assertEquals("close", seen.headers.get("connection"), "each delivery on its own connection, closed after it");
        assertEquals(new StandardWebhookSigner(SECRET).signature(seen.headers.get("webhook-id"),
                Long.parseLong(seen.headers.get("webhook-timestamp")), seen.body), seen.headers.get("webhook-signature"));
    }

    @Test
    void aDripFedAnswerEndsAtTheDeadlineAndHoldsNoOtherCustomer() throws Exception {
        String slow = createWithHook("drip", drip.url("/drip"));
        Seen held = await(drip, "/drip", slow);

        // meanwhile, another customer's generation ends: its webhook goes out while the drip still holds its sender
        String other = createWithHook("other customer", fast.url("/other-customer"));
        Seen delivered = await(fast, "/other-customer", other);
        assertFalse(held.closed(), "the drip receiver is still being waited on");
        long dueAt = db.count("SELECT (extract(epoch FROM created_at) * 1000)::bigint FROM webhook_delivery WHERE generation_id = ?", other);
        assertTrue(delivered.arrivedAt - dueAt < 2000,
                "the other customer's webhook came " + (delivered.arrivedAt - dueAt) + " ms after it was due");

        Await.until("the sender lets go of the drip receiver", Duration.ofSeconds(20), held::closed);
        long heldMs = held.closedAt - held.arrivedAt;
        assertTrue(heldMs >= DEADLINE_MS - 500 && heldMs <= DEADLINE_MS + 1500, "held for " + heldMs + " ms");
        Await.until("the attempt recorded as failed", Duration.ofSeconds(10), () -> !db.rows(
                "SELECT 1 FROM webhook_delivery WHERE generation_id = ? AND status = 'pending' AND attempts = 1 AND last_error IS NOT NULL",
                slow).isEmpty());
        String error = (String) db.rows("SELECT last_error FROM webhook_delivery WHERE generation_id = ?", slow).get(0).get("last_error");
        assertTrue(error.contains("no answer within " + DEADLINE_MS + " ms"), error);
    }

    @Test
    void anEndlessBodyIsNotReadAndTheStatusDecides() throws Exception {
        String id = createWithHook("endless body", endlessBody.url("/endless-body"));
        Seen seen = await(endlessBody, "/endless-body", id);
        Await.until("delivered (200)", Duration.ofSeconds(10), () -> status(id).equals("delivered"));
        Await.until("the sender lets go of the connection", Duration.ofSeconds(10), seen::closed);
        assertTrue(seen.closedAt - seen.arrivedAt < 2000, "held for " + (seen.closedAt - seen.arrivedAt) + " ms");
        // all the receiver got rid of before we let go is what loopback socket buffers hold: the body was not read
        assertTrue(seen.bytesAnswered < 32L << 20, "the receiver wrote " + (seen.bytesAnswered >> 20) + " MB");
    }

    @Test
    void endlessHeadersEndTheAttempt() throws Exception {
        String id = createWithHook("endless headers", endlessHeaders.url("/endless-headers"));
        Seen seen = await(endlessHeaders, "/endless-headers", id);
        Await.until("the attempt recorded as failed", Duration.ofSeconds(10), () -> !db.rows(
                "SELECT 1 FROM webhook_delivery WHERE generation_id = ? AND attempts = 1 AND last_error IS NOT NULL", id).isEmpty());
        Await.until("the sender lets go of the connection", Duration.ofSeconds(10), seen::closed);
        assertTrue(seen.closedAt - seen.arrivedAt < 2000, "held for " + (seen.closedAt - seen.arrivedAt) + " ms");
        assertTrue(seen.bytesAnswered < 32L << 20, "the receiver wrote " + (seen.bytesAnswered >> 20) + " MB");
        assertEquals("pending", status(id));
    }

    @Test
    void webhookIdsAreUniqueAcrossDeploymentsAndKeptAcrossAttempts() throws Exception {
        String id = createWithHook("ids", fast.url("/ids"));
        Seen first = await(fast, "/ids", id);
        Map<String, Object> row = db.rows("SELECT id, webhook_id FROM webhook_delivery WHERE generation_id = ?", id).get(0);
        String sent = first.headers.get("webhook-id");
        assertEquals(row.get("webhook_id"), sent, "the id is the delivery's own, stored with it");
        assertTrue(sent.matches("msg_[0-9a-f]{32}"), sent);
        assertNotEquals("msg_" + row.get("id"), sent, "not a per-database counter");

        // the same delivery parked dead (as after max-attempts) and replayed: the same id, so the receiver can drop it
        db.execute("UPDATE webhook_delivery SET status = 'dead' WHERE id = " + row.get("id"));
        HttpResponse<String> replay = AdminApi.call(gateway, "POST", "/api/admin/webhooks/" + row.get("id") + "/replay", AdminApi.TOKEN, null);
        assertEquals(200, replay.statusCode(), replay.body());
        Await.until("sent again", Duration.ofSeconds(10), () -> fast.seen().stream().filter(s -> s.body.contains(id)).count() == 2);
        assertTrue(fast.seen().stream().filter(s -> s.body.contains(id)).allMatch(s -> sent.equals(s.headers.get("webhook-id"))));

        // another deployment, its own database: its delivery 1 has not the id of this deployment's delivery 1
        Object ourFirst = db.rows("SELECT webhook_id FROM webhook_delivery WHERE id = 1").get(0).get("webhook_id");
        try (TestDatabase other = new TestDatabase()) {
            Flyway.configure().dataSource(other.jdbcUrl(), other.user(), null).schemas(other.schema()).defaultSchema(other.schema())
                    .locations("classpath:db/migration").load().migrate();
            other.execute("INSERT INTO generation (id, model, kie_model, prompt, options, price_usd, state, webhook_url)"
                    + " VALUES ('gen_other', 'sora-2', 'sora-2-text-to-video', 'x', '{}', 1, 'pending', 'https://example.com/hook')");
            other.execute("UPDATE generation SET state = 'completed' WHERE id = 'gen_other'");
            Map<String, Object> theirs = other.rows("SELECT id, webhook_id FROM webhook_delivery").get(0);
            assertEquals(1L, ((Number) theirs.get("id")).longValue(), theirs.toString());
            assertNotEquals(ourFirst, theirs.get("webhook_id"));
            assertTrue(((String) theirs.get("webhook_id")).matches("msg_[0-9a-f]{32}"), theirs.toString());
        }
    }

    private String createWithHook(String prompt, String url) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate",
                "{\"model\":\"sora-2\",\"prompt\":\"" + prompt + "\",\"webhookUrl\":\"" + url + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        return Json.parse(created.body()).get("generationId").asText();
    }

    /** The receiver's first request for this generation. */
    private static Seen await(LoopbackReceiver receiver, String path, String generationId) throws Exception {
        Await.until("a webhook for " + generationId + " at " + path, Duration.ofSeconds(20),
                () -> receiver.seen().stream().anyMatch(s -> s.body.contains(generationId)));
        return receiver.seen().stream().filter(s -> s.body.contains(generationId)).findFirst().orElseThrow();
    }

    private String status(String generationId) throws Exception {
        return (String) db.rows("SELECT status FROM webhook_delivery WHERE generation_id = ?", generationId).get(0).get("status");
    }
}
