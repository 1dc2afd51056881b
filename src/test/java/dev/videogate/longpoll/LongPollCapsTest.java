package dev.videogate.longpoll;

import org.apache.camel.BeanInject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Held long-polls are capped per instance and per generation; past a cap the caller gets 503 JSON with Retry-After. */
class LongPollCapsTest extends GatewayTest {

    @BeanInject("generationWaiters")
    GenerationWaiters waiters;

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.longpoll.max-held", "3", "app.longpoll.max-per-generation", "2", "app.longpoll.timeout-ms", "4000");
    }

    @Test
    void capsAreEnforced() throws Exception {
        String a = create("first stuck one [sim:stuck]").get("generationId").asText();
        String b = create("second stuck one [sim:stuck]").get("generationId").asText();
        String c = create("third stuck one [sim:stuck]").get("generationId").asText();

        List<CompletableFuture<HttpResponse<String>>> held = List.of(
                gateway.getAsync("/api/generate/" + a + "?poll=true"), gateway.getAsync("/api/generate/" + a + "?poll=true"));
        Await.until("two callers held on one generation", Duration.ofSeconds(5), () -> waiters.count() == 2);
        assertRefused(gateway.get("/api/generate/" + a + "?poll=true"));

        CompletableFuture<HttpResponse<String>> onB = gateway.getAsync("/api/generate/" + b + "?poll=true");
        Await.until("three held", Duration.ofSeconds(5), () -> waiters.count() == 3);
        assertRefused(gateway.get("/api/generate/" + c + "?poll=true"));
        assertEquals(200, gateway.get("/api/generate/" + c + "?poll=false").statusCode(), "poll=false is never capped");

        for (CompletableFuture<HttpResponse<String>> f : List.of(held.get(0), held.get(1), onB)) {
            assertEquals(200, f.get().statusCode(), "held callers are answered at the timeout");
        }
        assertEquals(0, waiters.count());
        assertEquals(200, gateway.get("/api/generate/" + c + "?poll=false").statusCode());
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("too_many_waiting", Json.parse(answer.body()).get("error").asText());
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""));
    }
}
