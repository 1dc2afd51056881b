package dev.videogate.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The poller fails a generation with a clear reason when Kie.ai's status stays unreadable, or the task takes too long. */
class PollerGivesUpTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.poll.interval-ms", "100", "app.poll.grace-ms", "200",
                "app.poll.backoff-base-ms", "100", "app.poll.backoff-max-ms", "400",
                // max age far above the first test's three errors (under a second here), so a loaded machine's pauses
                // cannot make that test give up for age instead
                "app.poll.max-errors", "3", "app.poll.max-age-ms", "4000");
    }

    @Test
    void givesUpAfterMaxConsecutiveErrors() throws Exception {
        kie.reset();
        try {
            kie.failNextRecordInfo(100, 500, 500, "upstream exploded");
            JsonNode created = create("A bridge at night [sim:no-callback]");
            String id = created.get("generationId").asText();
            String taskId = created.get("kieTaskId").asText();
            CompletableFuture<HttpResponse<String>> held = gateway.getAsync("/api/generate/" + id + "?poll=true");

            JsonNode failed = Json.parse(held.get(10, TimeUnit.SECONDS).body());
            assertEquals("failed", failed.get("state").asText(), failed.toString());
            assertFalse(failed.get("success").asBoolean());
            assertEquals("status_unavailable", failed.get("failCode").asText());
            assertTrue(failed.get("failMsg").asText().contains("upstream exploded"), failed.toString());

            Map<String, Object> row = db.rows("SELECT poll_errors, state_source FROM generation WHERE id = ?", id).get(0);
            assertEquals(3, ((Number) row.get("poll_errors")).intValue());
            assertEquals("timeout", row.get("state_source"));
            assertEquals(3, kie.recordInfoCalls(taskId), "no check after the third error");
        } finally {
            kie.reset(); // drop the scripted errors left
        }
    }

    @Test
    void givesUpATaskOlderThanMaxAge() throws Exception {
        kie.reset();
        JsonNode created = create("A snail crossing a road [sim:stuck]");
        String id = created.get("generationId").asText();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> held = gateway.getAsync("/api/generate/" + id + "?poll=true");

        JsonNode failed = Json.parse(held.get(20, TimeUnit.SECONDS).body());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("failed", failed.get("state").asText(), failed.toString());
        assertEquals("timeout", failed.get("failCode").asText(), failed.toString());
        assertTrue(failed.get("failMsg").asText().contains("4000 ms"), failed.toString());
        assertTrue(tookMs >= 3700, "failed after " + tookMs + " ms, before max age");
        Map<String, Object> row = db.rows("SELECT poll_errors, state_source, kie_state FROM generation WHERE id = ?", id).get(0);
        assertEquals(0, ((Number) row.get("poll_errors")).intValue(), "given up for age, not for errors");
        assertEquals("timeout", row.get("state_source"));
        assertEquals("generating", row.get("kie_state"));
    }
}
