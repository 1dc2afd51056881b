package dev.videogate.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Callbacks are unsigned, so anyone can name a known task: a flood of them costs at most one Kie.ai recordInfo
 * per task per app.callback.confirm-interval-ms, and the throttled hint is kept (the poller looks at the end of
 * the interval), so a real callback inside the interval is never lost.
 */
class CallbackFloodIsThrottledTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.callback.confirm-interval-ms", "4000");
    }

    @Test
    void aFloodCostsOneRecordInfoPerInterval() throws Exception {
        JsonNode created = create("a flood of hints [sim:stuck]");
        String taskId = created.get("kieTaskId").asText();
        Await.until("generating", Duration.ofSeconds(5), () -> "generating".equals(kie.task(taskId).state()));
        String body = "{\"code\":200,\"data\":{\"taskId\":\"" + taskId + "\",\"state\":\"success\"}}";
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = gateway.post("/api/callback", body);
            assertEquals(200, answer.statusCode(), answer.body());
        }
        assertEquals(1, kie.recordInfoCalls(taskId), "40 callbacks inside the interval: one recordInfo");
        assertEquals(40, db.count("SELECT callback_count FROM generation WHERE kie_task_id = ?", taskId));

        // the throttled hints pulled the next check in to the end of the interval (the grace period is 60 s here)
        Await.until("the poller looked once the interval passed", Duration.ofSeconds(12), () -> kie.recordInfoCalls(taskId) >= 2);
        assertTrue(db.count("SELECT poll_count FROM generation WHERE kie_task_id = ?", taskId) > 0, "that second look was the poller's");
    }
}
