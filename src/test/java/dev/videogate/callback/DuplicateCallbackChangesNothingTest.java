package dev.videogate.callback;

import dev.videogate.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kie.ai calls back twice for one task: the generation ends once, and the repeat costs no Kie.ai call. Each test
 * counts its own task's callbacks and the deltas of the simulator's counters, so the order the tests run in does not
 * matter (the simulator is shared by the class).
 */
class DuplicateCallbackChangesNothingTest extends GatewayTest {

    @Test
    void secondCallbackIsAcknowledgedAndIgnored() throws Exception {
        int sentBefore = kie.callbacksSent();
        int acknowledgedBefore = kie.callbacksAcknowledged();
        int creditsBefore = kie.creditCalls();
        JsonNode created = create("Two owls on a branch [sim:double-callback]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();

        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());

        Await.until("both callbacks of this task sent and answered 2xx", Duration.ofSeconds(10),
                () -> kie.task(taskId).callbackAttempts() == 2
                        && kie.callbacksSent() - sentBefore == 2
                        && kie.callbacksAcknowledged() - acknowledgedBefore == 2
                        && db.count("SELECT callback_count FROM generation WHERE id = ?", id) == 2);

        Map<String, Object> row = db.rows("SELECT state, state_source, callback_count FROM generation WHERE id = ?", id).get(0);
        assertEquals(2, ((Number) row.get("callback_count")).intValue(), "both callbacks were noted");
        assertEquals("completed", row.get("state"));
        assertEquals("callback", row.get("state_source"));
        assertEquals(1, db.count("SELECT count(*) FROM generation_event WHERE generation_id = ? AND state = 'completed'", id),
                "completed exactly once");
        assertEquals(1, kie.recordInfoCalls(taskId), "only the first callback asked recordInfo");
        // the tests read the balance at every ending (app.kie.credits-refresh-ms=0): once for this generation, not per callback
        assertEquals(1, kie.creditCalls() - creditsBefore, "the balance was read once, when the generation ended");
    }

    @Test
    void lateRepeatAfterCompletionCostsNoKieCall() throws Exception {
        JsonNode created = create("A heron in the reeds");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        assertEquals("completed", status(id, true).get("state").asText());
        Await.until("first callback acknowledged", Duration.ofSeconds(10), () -> kie.task(taskId).callbackAttempts() == 1
                && db.count("SELECT callback_count FROM generation WHERE id = ?", id) == 1);
        Object completedAt = db.rows("SELECT completed_at FROM generation WHERE id = ?", id).get(0).get("completed_at");
        int recordInfo = kie.recordInfoCalls(taskId);
        int credits = kie.creditCalls();

        assertEquals(200, kie.resendCallback(taskId).get(10, TimeUnit.SECONDS), "the repeat is acknowledged");

        Map<String, Object> row = db.rows("SELECT callback_count, completed_at FROM generation WHERE id = ?", id).get(0);
        assertEquals(2, ((Number) row.get("callback_count")).intValue());
        assertEquals(completedAt, row.get("completed_at"), "the end time is not rewritten");
        assertEquals(recordInfo, kie.recordInfoCalls(taskId), "no Kie.ai call for a repeat");
        assertEquals(credits, kie.creditCalls(), "no balance read for a repeat");
        assertEquals(2, kie.task(taskId).callbackAttempts(), "the first callback and the repeat, nothing else");
        assertEquals(1, db.count("SELECT count(*) FROM generation_event WHERE generation_id = ? AND state = 'completed'", id));
    }
}
