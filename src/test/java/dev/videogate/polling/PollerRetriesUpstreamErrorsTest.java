package dev.videogate.polling;

import dev.videogate.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kie.ai's recordInfo answers 429 and 500 for a while: the poller counts the errors, keeps going, and finishes. */
class PollerRetriesUpstreamErrorsTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.poll.interval-ms", "100", "app.poll.grace-ms", "200",
                "app.poll.backoff-base-ms", "100", "app.poll.backoff-max-ms", "400");
    }

    @Test
    void pollerRetriesThroughRateLimitsAndServerErrors() throws Exception {
        kie.failNextRecordInfo(3, 429, 429, "rate limited");
        kie.failNextRecordInfo(1, 500, 500, "internal error");
        JsonNode created = create("A train through snow [sim:no-callback]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();

        String[] seenError = new String[1];
        Await.until("three failed status reads counted", Duration.ofSeconds(10), () -> {
            Map<String, Object> row = db.rows("SELECT poll_errors, last_poll_error FROM generation WHERE id = ?", id).get(0);
            seenError[0] = (String) row.get("last_poll_error");
            return ((Number) row.get("poll_errors")).intValue() >= 3;
        });
        assertNotNull(seenError[0], "the reason of the failed read is kept");

        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());

        Map<String, Object> row = db.rows("SELECT state_source, poll_errors, last_poll_error, poll_count FROM generation WHERE id = ?", id).get(0);
        assertEquals(0, ((Number) row.get("poll_errors")).intValue(), "errors reset by the successful read");
        assertNull(row.get("last_poll_error"));
        assertEquals("poll", row.get("state_source"));
        assertEquals(5, kie.recordInfoCalls(taskId), "4 failed reads, then the one that found the result");
        assertEquals(5, ((Number) row.get("poll_count")).intValue(), "one claimed check per recordInfo call");
        List<Map<String, Object>> last = db.rows(
                "SELECT state, source FROM generation_event WHERE generation_id = ? ORDER BY id DESC LIMIT 1", id);
        assertEquals("completed", last.get(0).get("state"));
        assertEquals("poll", last.get(0).get("source"));
        System.out.printf("Kie.ai calls for one generation by polling through 4 errors: createTask=%d recordInfo=%d credit=%d%n",
                kie.createTaskCalls(), kie.recordInfoCalls(), kie.creditCalls());
    }
}
