package dev.videogate.longpoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.OwnPostgres;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Callers held by ?poll=true keep waiting across a stop and start of PostgreSQL (the bundle's LISTEN connection drops
 * and comes back) and are woken with the final state: when Kie.ai's callback comes after the database is back, and when
 * the task ended while it was down and the poller catches up. Nobody is answered early, and nobody gets an error.
 * Two instances on the test's own PostgreSQL: one whose generations only callbacks end (its poller stays out of the
 * way), one that polls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongPollSurvivesDatabaseRestartTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private OwnPostgres pg;
    private TestDatabase db;
    private KieSimulator kie;
    private RunningGateway callbacks;
    private RunningGateway polling;
    private final AtomicBoolean stopDatabaseAtNextRecord = new AtomicBoolean();

    @BeforeAll
    void start() throws Exception {
        pg = new OwnPostgres();
        db = pg.database();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(500)).start();
        callbacks = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                Map.of("camel.main.name", "outage-callbacks", "app.poll.interval-ms", "600000"));
        polling = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                Map.of("camel.main.name", "outage-polling", "app.poll.grace-ms", "1000"));
        // the fault point: PostgreSQL stops while the poller is in the middle of a check (its lease cannot be given back)
        AdviceWith.adviceWith(polling.context(), "poll-one", route -> route.weaveById("poll-record").before().process(e -> {
            if (stopDatabaseAtNextRecord.compareAndSet(true, false)) {
                stopDatabase();
            }
        }));
    }

    /** Each test starts on ready instances: PostgreSQL answers and both LISTEN connections are back. */
    @BeforeEach
    void instancesReady() throws Exception {
        Await.until("both instances ready", Duration.ofSeconds(30), () -> ready(callbacks) && ready(polling));
    }

    @AfterAll
    void stop() throws Exception {
        pg.start();
        callbacks.close();
        polling.close();
        kie.close();
        db.close();
        pg.close();
    }

    @Test
    void aHeldCallerIsWokenByTheCallbackThatComesAfterTheRestart() throws Exception {
        JsonNode created = create(callbacks, "A lighthouse keeper's night [sim:no-callback]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        Await.until("Kie.ai finished the task (its callback not yet sent)", Duration.ofSeconds(10), () -> kie.task(taskId).finished());
        CompletableFuture<HttpResponse<String>> held = callbacks.getAsync("/api/generate/" + id + "?poll=true");
        Await.until("the caller is held", Duration.ofSeconds(10), () -> waiters(callbacks).count() == 1);

        pg.stop();
        Thread.sleep(6000); // the behaviour under test: a caller held through 6 s of outage (longer than one connection wait)
        assertFalse(held.isDone(), () -> "answered while the database was down: " + held.join().body());
        pg.start();
        Await.until("the bundle is ready again (its LISTEN connection is back)", Duration.ofSeconds(30), () -> ready(callbacks));
        Thread.sleep(2000); // the held generation was read again: still running at our end, so the caller stays held
        assertFalse(held.isDone(), () -> "answered before the generation ended: " + held.join().body());

        assertEquals(200, (int) kie.resendCallback(taskId).get(20, TimeUnit.SECONDS), "the callback is taken");
        HttpResponse<String> answer = held.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
        assertEquals(kie.videoUrl(taskId), Json.parse(answer.body()).get("originUrls").get(0).asText());
    }

    @Test
    void aTaskThatEndedWhileTheDatabaseWasDownIsCaughtUpByThePoller() throws Exception {
        JsonNode created = create(polling, "A comet over the fjord [sim:no-callback] [sim:slow:2500]");
        String id = created.get("generationId").asText();
        String taskId = created.get("kieTaskId").asText();
        CompletableFuture<HttpResponse<String>> held = polling.getAsync("/api/generate/" + id + "?poll=true");
        Await.until("the caller is held", Duration.ofSeconds(10), () -> waiters(polling).count() == 1);

        stopDatabaseAtNextRecord.set(true);
        Await.until("PostgreSQL stopped in the middle of a poller check", Duration.ofSeconds(20), () -> !pg.running());
        long stoppedAt = System.nanoTime();
        Await.until("Kie.ai finished the task while the database was down", Duration.ofSeconds(20), () -> kie.task(taskId).finished());
        // down long enough that the cut check cannot record its error nor give its lease back (5 s connection wait each)
        Thread.sleep(Math.max(0, 12_000 - (System.nanoTime() - stoppedAt) / 1_000_000));
        assertFalse(held.isDone(), () -> "answered while the database was down: " + held.join().body());
        pg.start();

        HttpResponse<String> answer = held.get(40, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
        assertEquals("poll", db.rows("SELECT state_source FROM generation WHERE id = ?", id).get(0).get("state_source"),
                "the poller found it, no callback came");
    }

    private void stopDatabase() {
        try {
            pg.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode create(RunningGateway gateway, String prompt) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate", Json.request(prompt));
        assertEquals(200, created.statusCode(), created.body());
        return Json.parse(created.body());
    }

    private static GenerationWaiters waiters(RunningGateway gateway) {
        return gateway.context().getRegistry().lookupByNameAndType("generationWaiters", GenerationWaiters.class);
    }

    private boolean ready(RunningGateway gateway) throws Exception {
        String port = gateway.context().resolvePropertyPlaceholders("{{camel.management.port}}");
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return ready.statusCode() == 200 && "UP".equals(Json.parse(ready.body()).get("status").asText());
    }
}
