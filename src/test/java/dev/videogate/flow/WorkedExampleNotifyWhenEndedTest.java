package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.DocExamples;
import dev.videogate.support.Json;
import dev.videogate.support.RouteFiles;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example "a step after a generation ends" of docs/change-the-flow.md, run as written: its YAML block is
 * read from the page, added to a copy of routes/ as 80-notify-crm.yaml, and the bundle starts on that directory. A
 * loopback "CRM" must get exactly one POST per generation, with its id and final state.
 */
class WorkedExampleNotifyWhenEndedTest {

    private static final String SECTION = "### A step after a generation ends: notify another system";

    @TempDir
    static Path routes;

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway gateway;
    static HttpServer crm;
    static final List<String> told = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        crm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crm.createContext("/video-ended", exchange -> {
            told.add(exchange.getRequestMethod() + " " + String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).split(";")[0] + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        crm.start();

        RouteFiles.copyTo(routes);
        Files.writeString(routes.resolve("80-notify-crm.yaml"), exampleYaml());

        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(500)).start();
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.yaml",
                "crm.notify-url", "http://127.0.0.1:" + crm.getAddress().getPort() + "/video-ended"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (kie != null) {
            kie.close();
        }
        if (db != null) {
            db.close();
        }
        crm.stop(0);
    }

    /** The first ```yaml block under the example's heading in docs/change-the-flow.md. */
    static String exampleYaml() throws IOException {
        return DocExamples.yamlBlocks(SECTION, 1).get(0);
    }

    @Test
    void theCrmIsToldOnceWhenAGenerationCompletesAndOnceWhenOneFails() throws Exception {
        String completed = create("A lighthouse in a storm");
        String failed = create("Something the model refuses [sim:fail:Prompt violates content policy]");
        assertEquals("completed", status(completed).get("state").asText());
        assertEquals("failed", status(failed).get("state").asText());

        String toldCompleted = "POST application/json {\"generationId\":\"" + completed + "\",\"state\":\"completed\"}";
        String toldFailed = "POST application/json {\"generationId\":\"" + failed + "\",\"state\":\"failed\"}";
        Await.until("the CRM is told of both", Duration.ofSeconds(10),
                () -> told.contains(toldCompleted) && told.contains(toldFailed), told::toString);
        // the poller keeps running (every 200 ms) and Kie.ai may call back again: still once each. A negative: only
        // time shows it (1.5 s: seven poller rounds, and the simulator's callback retries)
        Thread.sleep(1500);
        assertEquals(2, told.size(), told.toString());
    }

    private static String create(String prompt) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate", Json.request(prompt));
        assertEquals(200, created.statusCode(), created.body());
        return Json.parse(created.body()).get("generationId").asText();
    }

    private static JsonNode status(String id) throws Exception {
        return Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
    }
}
