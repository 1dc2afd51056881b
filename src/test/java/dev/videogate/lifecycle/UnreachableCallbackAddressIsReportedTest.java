package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.config.CallbackAddress;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.support.Json;
import dev.videogate.support.LogCapture;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outside the sandbox, a public URL Kie.ai cannot reach (loopback; unset, it is http://localhost:<port>) is a loud
 * WARN at start and a readiness detail: the instance stays UP (results still come, through the poller), but the
 * operator sees why they are slow. A public URL elsewhere is neither.
 */
class UnreachableCallbackAddressIsReportedTest {

    @Test
    void aLoopbackPublicUrlIsAWarningAtStartAndAReadinessDetail() throws Exception {
        try (TestDatabase db = new TestDatabase();
             KieSimulator kie = new KieSimulator().start();
             LogCapture log = LogCapture.open();
             RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of())) {
            assertTrue(log.text().contains("KIE.AI CANNOT CALL BACK"), "the start log says so");
            JsonNode check = callbackCheck(gateway);
            assertEquals("UP", check.path("status").asText(), check.toString());
            assertTrue(check.path("message").asText().contains("app.public-base-url"), check.toString());
            assertEquals("UP", readiness(gateway).path("status").asText(), "a detail, not DOWN");
        }
    }

    @Test
    void aPublicUrlKieCanReachIsNeither() throws Exception {
        try (TestDatabase db = new TestDatabase();
             KieSimulator kie = new KieSimulator().start();
             LogCapture log = LogCapture.open();
             RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                     Map.of("app.public-base-url", "https://videos.example.com"))) {
            assertFalse(log.text().contains("KIE.AI CANNOT CALL BACK"), log.text());
            JsonNode check = callbackCheck(gateway);
            assertEquals("UP", check.path("status").asText(), check.toString());
            assertTrue(check.path("message").isMissingNode(), check.toString());
        }
    }

    @Test
    void whichHostsAreLoopback() {
        for (String url : new String[] {"http://localhost:8080", "http://127.0.0.1:9000", "http://[::1]:8080", "http://0.0.0.0:8080",
                "http://api.localhost", "not a url"}) {
            assertTrue(CallbackAddress.problem(url) != null, url);
        }
        for (String url : new String[] {"https://videos.example.com", "https://10.0.0.5", "http://gateway.internal:8080"}) {
            assertNull(CallbackAddress.problem(url), url);
        }
    }

    private static JsonNode callbackCheck(RunningGateway gateway) throws Exception {
        for (JsonNode check : readiness(gateway).path("checks")) {
            if (check.path("name").asText().contains("callback-address")) {
                return check;
            }
        }
        throw new AssertionError("no callback-address check in " + readiness(gateway));
    }

    private static JsonNode readiness(RunningGateway gateway) throws Exception {
        String port = gateway.context().resolvePropertyPlaceholders("{{camel.management.port}}");
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/health/ready?exposureLevel=full")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(ready.body());
    }
}
