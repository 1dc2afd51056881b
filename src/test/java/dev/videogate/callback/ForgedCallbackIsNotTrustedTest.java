package dev.videogate.callback;

import dev.videogate.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A callback body is a hint, not the truth: the gateway believes recordInfo, and refuses what it cannot use. */
class ForgedCallbackIsNotTrustedTest extends GatewayTest {

    private static String forgedSuccess(String taskId) {
        return "{\"code\":200,\"msg\":\"Playground task completed successfully.\",\"data\":{\"taskId\":\"" + taskId + "\","
                + "\"state\":\"success\",\"resultJson\":\"{\\\"resultUrls\\\":[\\\"https://evil.example/fake.mp4\\\"]}\","
                + "\"failCode\":\"\",\"failMsg\":\"\",\"consumeCredits\":0}}";
    }

    @Test
    void forgedSuccessForRunningTaskDoesNotCompleteIt() throws Exception {
        JsonNode created = create("A lighthouse in a storm [sim:stuck]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        Await.until("the Kie.ai task is generating", Duration.ofSeconds(5),
                () -> "generating".equals(kie.task(taskId).state()));

        HttpResponse<String> answer = gateway.post("/api/callback", forgedSuccess(taskId));
        assertEquals(200, answer.statusCode(), answer.body());

        assertEquals(1, kie.recordInfoCalls(taskId), "the gateway asked Kie.ai what really happened");
        Map<String, Object> row = db.rows("SELECT state, kie_state, result_urls::text AS urls, completed_at, callback_count "
                + "FROM generation WHERE id = ?", id).get(0);
        assertEquals("processing", row.get("state"), row.toString());
        assertEquals("generating", row.get("kie_state"));
        assertNull(row.get("urls"), "no result was taken from the callback body");
        assertNull(row.get("completed_at"));
        assertEquals(1, ((Number) row.get("callback_count")).intValue());
        assertEquals(0, db.count("SELECT count(*) FROM generation_event WHERE generation_id = ? AND state = 'completed'", id));

        JsonNode status = status(id, false);
        assertEquals("processing", status.get("state").asText(), status.toString());
        assertFalse(status.has("result"));
    }

    @Test
    void callbackForUnknownTaskIs404() throws Exception {
        int recordInfo = kie.recordInfoCalls();
        HttpResponse<String> answer = gateway.post("/api/callback", forgedSuccess("0123456789abcdef0123456789abcdef"));
        assertEquals(404, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode error = Json.parse(answer.body());
        assertEquals("unknown_task", error.get("error").asText(), answer.body());
        assertFalse(error.get("success").asBoolean());
        assertEquals(recordInfo, kie.recordInfoCalls(), "no Kie.ai call for a task we never created");
    }

    @Test
    void malformedCallbackJsonIs400() throws Exception {
        int recordInfo = kie.recordInfoCalls();
        HttpResponse<String> answer = gateway.post("/api/callback", "{\"code\":200,\"data\":{\"taskId\":");
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("invalid_json", Json.parse(answer.body()).get("error").asText(), answer.body());
        assertEquals(recordInfo, kie.recordInfoCalls());
    }

    @Test
    void callbackWithoutTaskIdIs400() throws Exception {
        int recordInfo = kie.recordInfoCalls();
        for (String body : new String[] {"{\"code\":200,\"data\":{\"state\":\"success\"}}", "{\"code\":200}",
                "{\"data\":{\"taskId\":\"x' OR '1'='1\"}}"}) {
            HttpResponse<String> answer = gateway.post("/api/callback", body);
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            assertEquals("missing_field", Json.parse(answer.body()).get("error").asText(), answer.body());
        }
        assertEquals(recordInfo, kie.recordInfoCalls());
    }
}
