package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.StallingTlsServer;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kie.ai over https that accepts the connection and never answers (stalled in the TLS handshake, or after it):
 * the caller is answered within the configured limits. Stalled in the handshake, createTask never reached Kie.ai:
 * 504 and nothing is left behind. Stalled after createTask was sent, the task may exist: 202 with the generation's
 * ids, its row kept 'unconfirmed' for Kie.ai's callback to claim (and it is never sent twice).
 */
class StalledKieAnswersInTimeTest {

    private static final long RESPONSE_TIMEOUT_MS = 1500;

    @ParameterizedTest(name = "stalled in the {0}")
    @EnumSource(StallingTlsServer.Stall.class)
    void theCallerIsAnsweredInTime(StallingTlsServer.Stall stall) throws Exception {
        try (TestDatabase db = new TestDatabase(); StallingTlsServer kie = new StallingTlsServer(stall);
             RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), "test-key", Map.of(
                     "app.kie.connect-timeout-ms", "1000",
                     "app.kie.response-timeout-ms", String.valueOf(RESPONSE_TIMEOUT_MS),
                     "camel.component.https.ssl-context-parameters", "#class:dev.videogate.support.TrustStallingTlsServer"))) {
            long started = System.nanoTime();
            HttpResponse<String> answer = gateway.post("/api/generate", Json.request("a lighthouse at dusk"));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("stalled Kie.ai (%s): answered %d in %d ms (response limit %d ms)%n", stall, answer.statusCode(), tookMs,
                    RESPONSE_TIMEOUT_MS);
            assertTrue(tookMs < RESPONSE_TIMEOUT_MS + 2500, "answered in " + tookMs + " ms");
            if (stall == StallingTlsServer.Stall.ANSWER) {
                assertEquals(202, answer.statusCode(), answer.body());
                String id = Json.parse(answer.body()).get("generationId").asText();
                assertEquals(1, db.count("SELECT count(*) FROM generation WHERE id = '" + id + "' AND state = 'unconfirmed'"),
                        "kept for Kie.ai's callback");
                assertEquals(1, kie.requests(), "createTask was sent once: no automatic re-send");
            } else {
                assertEquals(504, answer.statusCode(), answer.body());
                assertEquals("upstream_timeout", Json.parse(answer.body()).get("error").asText());
                assertEquals(0, db.count("SELECT count(*) FROM generation"), "no row left behind");
            }
        }
    }
}
