package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.ContractCheck;
import dev.videogate.support.Json;
import dev.videogate.support.RouteFiles;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step an engineer puts in route status-look (routes/50-status.yaml) governs every read of a generation: a plain GET
 * and a long-poll (?poll=true, held by LongPollHandler off the routes) alike. Here the step refuses readers that send
 * a header of the engineer's choosing; a long-poll with it is refused at once instead of being held.
 */
class StatusStepGovernsLongPollsTest {

    private static final String AFTER = "      uri: direct:status-look\n      steps:\n";
    private static final String STEP = """
                    - filter:
                        id: status-refuse-marked-readers
                        simple: "${header.X-Reader-Blocked} == 'yes'"
                        steps:
                          - setBody:
                              constant: '{"success":false,"error":"reader_blocked","message":"This reader is blocked"}'
                          - to:
                              uri: direct:reply-json
                          - setHeader:
                              name: CamelHttpResponseCode
                              constant: "403"
                          - stop: {}
            """;

    @TempDir
    static Path routes;

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway gateway;
    static ContractCheck.OffContract ownCode;

    @BeforeAll
    static void start() throws Exception {
        ownCode = ContractCheck.OffContract.allow("an engineer's own error code (a step in status-look)",
                a -> a.body() != null && a.body().contains("\"error\":\"reader_blocked\""));
        RouteFiles.copyTo(routes);
        RouteFiles.insertAfter(routes.resolve("50-status.yaml"), AFTER, STEP); // first step of route status-look

        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(500)).start();
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        ownCode.close();
        if (gateway != null) {
            gateway.close();
        }
        if (kie != null) {
            kie.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aLongPollMeetsTheStepAsAPlainReadDoes() throws Exception {
        String id = created("A long wait [sim:slow:30000]");
        for (String poll : new String[] {"false", "true"}) {
            HttpResponse<String> refused = gateway.getAsync("/api/generate/" + id + "?poll=" + poll, Map.of("X-Reader-Blocked", "yes"))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(403, refused.statusCode(), "poll=" + poll + ": " + refused.body());
            assertEquals("reader_blocked", Json.parse(refused.body()).get("error").asText(), refused.body());
        }
    }

    @Test
    void aReaderTheStepLetsThroughIsHeldAndAnswered() throws Exception {
        String id = created("A short wait [sim:slow:3000]");
        CompletableFuture<HttpResponse<String>> held = gateway.getAsync("/api/generate/" + id + "?poll=true", Map.of("X-Reader-Blocked", "no"));
        Thread.sleep(500); // a negative can only be checked after some time: held while the task runs
        assertFalse(held.isDone(), "held like any long-poll");
        HttpResponse<String> answer = held.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
    }

    private static String created(String prompt) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate", Json.request(prompt));
        assertEquals(200, created.statusCode(), created.body());
        JsonNode body = Json.parse(created.body());
        return body.get("generationId").asText();
    }
}
