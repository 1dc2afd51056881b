package dev.videogate.lifecycle;

import dev.videogate.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances poll one database: every claimed check is one recordInfo call, and no check is made twice. */
class TwoInstancesDoNotDoublePollTest {

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway a;
    static RunningGateway b;

    @BeforeAll
    static void start() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(500)).start();
        Map<String, String> fast = Map.of("app.poll.interval-ms", "100", "app.poll.grace-ms", "50",
                "app.poll.backoff-base-ms", "300", "app.poll.backoff-max-ms", "1000");
        a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), PollerLeaseTest.instance("a", fast));
        b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), PollerLeaseTest.instance("b", fast));
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        kie.close();
        db.close();
    }

    @Test
    void eachCheckIsMadeByExactlyOneInstance() throws Exception {
        int n = 10;
        List<String> ids = new ArrayList<>();
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RunningGateway front = i % 2 == 0 ? a : b;
            HttpResponse<String> created = front.post("/api/generate", Json.request("Shared " + i + " [sim:no-callback][sim:slow:1200]"));
            assertEquals(200, created.statusCode(), created.body());
            JsonNode answer = Json.parse(created.body());
            ids.add(answer.get("generationId").asText());
            taskIds.add(answer.get("kieTaskId").asText());
        }
        Await.until("all " + n + " generations completed", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM generation WHERE state = 'completed'") == n);

        int sum = 0;
        List<String> perTask = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long polls = db.count("SELECT poll_count FROM generation WHERE id = ?", ids.get(i));
            int calls = kie.recordInfoCalls(taskIds.get(i));
            assertEquals(polls, calls, "generation " + ids.get(i) + ": claimed checks vs recordInfo calls");
            assertTrue(calls >= 2, "checked while running and once more at the end");
            assertEquals("poll", db.rows("SELECT state_source FROM generation WHERE id = ?", ids.get(i)).get(0).get("state_source"));
            sum += calls;
            perTask.add(String.valueOf(calls));
        }
        assertEquals(kie.recordInfoCalls(), sum, "no recordInfo call outside a claimed check");
        assertEquals(0, kie.callbacksSent());
        System.out.printf("two instances, %d generations by polling: recordInfo per generation %s (total %d), credit=%d%n",
                n, perTask, sum, kie.creditCalls());
    }
}
