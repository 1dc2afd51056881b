package dev.videogate.callback;

import dev.videogate.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Kie.ai calls back twice for one task: the generation ends once, and the repeat costs no Kie.ai call. */
class DuplicateCallbackChangesNothingTest extends GatewayTest {

    @Test
    void secondCallbackIsAcknowledgedAndIgnored() throws Exception {
        JsonNode created = create("Two owls on a branch [sim:double-callback]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();

        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());

        Await.until("both callbacks sent and answered 2xx", Duration.ofSeconds(10),
                () -> kie.callbacksSent() == 2 && kie.callbacksAcknowledged() == 2);

        Map<String, Object> row = db.rows("SELECT state, state_source, callback_count FROM generation WHERE id = ?", id).get(0);
        assertEquals(2, ((Number) row.get("callback_count")).intValue(), "both callbacks were noted");
        assertEquals("completed", row.get("state"));
        assertEquals("callback", row.get("state_source"));
        assertEquals(1, db.count("SELECT count(*) FROM generation_event WHERE generation_id = ? AND state = 'completed'", id),
                "completed exactly once");
        assertEquals(1, kie.recordInfoCalls(taskId), "only the first callback asked recordInfo");
        assertEquals(1, kie.creditCalls(), "the balance was read once, when the generation ended");
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

        assertEquals(200, kie.resendCallback(taskId).get(10, TimeUnit.SECONDS), "the repeat is acknowledged");

        Map<String, Object> row = db.rows("SELECT callback_count, completed_at FROM generation WHERE id = ?", id).get(0);
        assertEquals(2, ((Number) row.get("callback_count")).intValue());
        assertEquals(completedAt, row.get("completed_at"), "the end time is not rewritten");
        assertEquals(recordInfo, kie.recordInfoCalls(taskId), "no Kie.ai call for a repeat");
        assertEquals(1, db.count("SELECT count(*) FROM generation_event WHERE generation_id = ? AND state = 'completed'", id));
    }
}
