package dev.videogate.longpoll;

import org.apache.camel.BeanInject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A long-poll that outlives app.longpoll.timeout-ms answers 200 with the state so far, so the caller polls again. */
class LongPollTimeoutTest extends GatewayTest {

    @BeanInject("generationWaiters")
    GenerationWaiters waiters;

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.longpoll.timeout-ms", "700");
    }

    @Test
    void timedOutLongPollAnswersProcessing() throws Exception {
        String id = create("A kettle that never boils [sim:stuck]").get("generationId").asText();
        long start = System.nanoTime();
        HttpResponse<String> answer = gateway.get("/api/generate/" + id + "?poll=true");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = Json.parse(answer.body());
        assertEquals("processing", body.get("state").asText(), answer.body());
        assertTrue(tookMs >= 650 && tookMs < 5000, "answered after " + tookMs + " ms, expected about 700");
        assertEquals(0, waiters.count(),
                "the timed-out caller is no longer registered");
    }
}
