package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Json;
import dev.videogate.support.RawHttp;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** While the bundle starts, its port either refuses connections or answers 503 JSON with Retry-After: never HTML. */
class StartingGatewayAnswersJsonTest {

    @Test
    void answersDuringStartupAreJson() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TestDatabase db = new TestDatabase(); KieSimulator kie = new KieSimulator(SimulatorSettings.defaults()).start()) {
            CompletableFuture<RunningGateway> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of("camel.server.port", String.valueOf(port)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Integer> seen = new ArrayList<>();
            while (!starting.isDone()) {
                try {
                    RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/generate/gen_1700000000000_abcdefabcdefabcdefab", Map.of(), null);
                    seen.add(answer.status());
                    assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.status() + " " + answer.body());
                    Json.parse(answer.body());
                    if (answer.status() == 503) {
                        assertEquals("starting", Json.parse(answer.body()).get("error").asText());
                        assertEquals("1", answer.header("Retry-After"));
                    }
                } catch (ConnectException notListeningYet) {
                    Thread.sleep(2);
                }
            }
            try (RunningGateway gateway = starting.join()) {
                RawHttp.Answer ready = RawHttp.send(port, "GET", "/api/generate/gen_1700000000000_abcdefabcdefabcdefab", Map.of(), null);
                assertEquals(404, ready.status(), "once started, the route answers");
                System.out.println("answers while starting (status codes): " + seen);
            }
        }
    }
}
