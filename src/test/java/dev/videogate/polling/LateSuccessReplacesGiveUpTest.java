package dev.videogate.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * We gave a generation up (Kie.ai's status unreadable too long), but Kie.ai made the video after all: its late
 * callback, confirmed by recordInfo, turns the give-up into completed, so the payer gets what it paid for. A
 * failure Kie.ai itself reported stays failed.
 */
class LateSuccessReplacesGiveUpTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.poll.interval-ms", "100", "app.poll.grace-ms", "100",
                "app.poll.backoff-base-ms", "100", "app.poll.backoff-max-ms", "200", "app.poll.max-errors", "3");
    }

    @Test
    void aConfirmedLateSuccessReplacesAGiveUp() throws Exception {
        kie.failNextRecordInfo(3, 500, 500, "upstream exploded"); // exactly max-errors: the give-up, then Kie.ai answers again
        JsonNode created = create("A lantern festival [sim:no-callback][sim:slow:1500]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        Await.until("given up", Duration.ofSeconds(10), () -> "failed".equals(status(id, false).get("state").asText()));
        assertEquals("status_unavailable", status(id, false).get("failCode").asText());

        Await.until("Kie.ai finished the task", Duration.ofSeconds(10), () -> kie.task(taskId).state().equals("success"));
        assertEquals(200, kie.resendCallback(taskId).get().intValue());

        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());
        // Kie.ai's link, or our own copy once the copy outbox made it (a race on a loaded machine)
        assertTrue(done.get("result").asText().matches(".*(\\.mp4|/files/0)"), done.toString());
        Map<String, Object> row = db.rows("SELECT fail_code, state_source FROM generation WHERE id = ?", id).get(0);
        assertNull(row.get("fail_code"), "the give-up reason is gone with the give-up");
        assertEquals("callback", row.get("state_source"));
        assertEquals(2, db.count("SELECT count(*) FROM generation_event WHERE generation_id = ? AND state IN ('failed', 'completed')", id),
                "the history keeps both: given up, then completed");
    }

    @Test
    void aFailureKieReportedStaysFailed() throws Exception {
        JsonNode created = create("A storm [sim:fail:content policy]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        Await.until("failed by Kie.ai", Duration.ofSeconds(10), () -> "failed".equals(status(id, false).get("state").asText()));
        int reads = kie.recordInfoCalls(taskId);
        assertEquals(200, kie.resendCallback(taskId).get().intValue());
        assertEquals("failed", status(id, false).get("state").asText());
        assertEquals(reads, kie.recordInfoCalls(taskId), "nothing left to learn: no recordInfo");
    }
}
