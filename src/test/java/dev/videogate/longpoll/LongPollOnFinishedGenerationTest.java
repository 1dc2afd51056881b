package dev.videogate.longpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.RawHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** poll=true on a generation that has already ended answers at once (it used to wait the whole timeout). */
class LongPollOnFinishedGenerationTest extends GatewayTest {

    @Test
    void answersAtOnce() throws Exception {
        String id = create("a red kite over hills").get("generationId").asText();
        Await.until("completed", Duration.ofSeconds(15), () -> "completed".equals(status(id, false).get("state").asText()));
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "GET", "/api/generate/" + id + "?poll=true", Map.of(), null);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, answer.status(), answer.body());
        assertEquals("completed", Json.parse(answer.body()).get("state").asText());
        assertTrue(tookMs < 5_000, "answered in " + tookMs + " ms, not after the long-poll timeout");
    }
}
