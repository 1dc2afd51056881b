package dev.videogate.longpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

/**
 * Many callers long-polling one generation are answered from one status read when it ends (one per access token),
 * not one read each: the crowd costs the database nothing more than a single caller.
 */
class MassWakeUpSharesOneReadTest extends GatewayTest {

    private static final int CALLERS = 200;

    @BeanInject("generationWaiters")
    GenerationWaiters waiters;

    @BeanInject
    CamelContext context;

    /** The routes a held caller's look starts from: its first look (the request's own), and the looks after it. */
    private static final Set<String> READS = Set.of("status-look", "generation-status");

    @Override
    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(4000);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.longpoll.max-per-generation", String.valueOf(CALLERS), "app.longpoll.max-held", String.valueOf(CALLERS));
    }

    @Test
    void aCrowdOnOneGenerationIsOneRead() throws Exception {
        AtomicInteger statusReads = new AtomicInteger();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent done
                        && READS.contains(done.getExchange().getFromRouteId())) {
                    statusReads.incrementAndGet();
                }
            }
        });
        String id = create("A crowd waits for a sunrise").get("generationId").asText();
        // HTTP/1.1, a connection per caller, as a crowd of separate clients (one HTTP/2 connection would cap the streams)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/generate/" + id + "?poll=true")))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        // each caller is parked, then looks once itself (the generation is still running): wait for those looks, not a while
        Await.until("every caller is held and has had its own first look", Duration.ofSeconds(20),
                () -> waiters.count() == CALLERS && statusReads.get() >= CALLERS);
        int readsBefore = statusReads.get();
        assertEquals(CALLERS, readsBefore, "one first look per caller, nothing else");
        assertEquals(CALLERS, waiters.count(), "nobody was answered before the generation ended");

        Await.until("every caller answered", Duration.ofSeconds(60), () -> answers.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> done = answer.get();
            assertEquals(200, done.statusCode(), done.body());
            JsonNode body = Json.parse(done.body());
            assertEquals("completed", body.get("state").asText(), done.body());
        }
        assertEquals(1, statusReads.get() - readsBefore, "one status read answered all " + CALLERS + " callers");
        assertEquals(0, waiters.count(), "nobody is left held");
    }
}
