package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances, a Kie.ai that takes 1.5 s to answer recordInfo, a backoff of 0.3 s: a generation claimed by one
 * instance is leased to it until its check ends, so the other never reads it at the same time, and every read
 * is one claimed check.
 */
class PollerLeaseTest {

    @Test
    void aClaimIsALease() throws Exception {
        try (TestDatabase db = new TestDatabase(); KieSimulator kie = new KieSimulator(SimulatorSettings.defaults()).start()) {
            Map<String, String> fast = Map.of("app.poll.interval-ms", "100", "app.poll.grace-ms", "50",
                    "app.poll.backoff-base-ms", "300", "app.poll.backoff-max-ms", "300");
            kie.delayNextRecordInfo(10_000, 1500);
            List<String> taskIds = new ArrayList<>();
            try (RunningGateway a = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), instance("a", fast));
                 RunningGateway b = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), instance("b", fast))) {
                for (int i = 0; i < 2; i++) {
                    JsonNode created = Json.parse((i % 2 == 0 ? a : b).post("/api/generate", Json.request("Leased " + i + " [sim:stuck]")).body());
                    taskIds.add(created.get("kieTaskId").asText());
                }
                Await.until("each generation read a few times", Duration.ofSeconds(20),
                        () -> taskIds.stream().allMatch(t -> kie.recordInfoCalls(t) >= 3));
            }
            System.out.println("poller lease, two instances, slow Kie.ai: most reads of one task at once "
                    + kie.maxConcurrentRecordInfoPerTask() + ", reads/claims per task " + taskIds.stream().map(t -> kie.recordInfoCalls(t) + "/" + claimsOf(db, t)).toList());
            assertEquals(1, kie.maxConcurrentRecordInfoPerTask(), "never two reads of one task at the same time");
            for (String taskId : taskIds) {
                long claims = db.count("SELECT poll_count FROM generation WHERE kie_task_id = ?", taskId);
                // a read may still have been on its way when the instances stopped
                assertTrue(Math.abs(claims - kie.recordInfoCalls(taskId)) <= 1, taskId + ": claims " + claims + " vs reads " + kie.recordInfoCalls(taskId));
            }
            assertEquals(0, db.count("SELECT count(*) FROM generation WHERE claimed_until > now()"), "stopped instances hold no lease");
        }
    }

    private static long claimsOf(TestDatabase db, String taskId) {
        try {
            return db.count("SELECT poll_count FROM generation WHERE kie_task_id = ?", taskId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two instances in one JVM need their own names, or camel-quartz gives them one shared scheduler. */
    static Map<String, String> instance(String name, Map<String, String> settings) {
        Map<String, String> named = new java.util.HashMap<>(settings);
        named.put("camel.main.name", "video-gateway-" + name);
        return named;
    }
}
