package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/** Liveness, readiness (database, LISTEN connection, Kie.ai) and Prometheus metrics on Camel's observe endpoints. */
class HealthAndMetricsTest extends GatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @BeanInject
    CamelContext context;

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.metrics.refresh-ms", "200");
    }

    @Test
    void probesAnswerAndSayWhatIsChecked() throws Exception {
        assertEquals(200, observe("/observe/health/live").statusCode());
        HttpResponse<String> ready = observe("/observe/health/ready?exposureLevel=full");
        assertEquals(200, ready.statusCode(), ready.body());
        for (String check : new String[] {"database", "generation-listener", "kie"}) {
            assertTrue(ready.body().contains(check), check + " in " + ready.body());
        }
        assertEquals("UP", Json.parse(ready.body()).get("status").asText(), ready.body());
    }

    @Test
    void businessMetricsAreScraped() throws Exception {
        create("A metric sunrise");
        Await.until("the generation shows in the metrics", Duration.ofSeconds(20),
                () -> observe("/observe/metrics").body().contains("gateway_generations{model=\"sora-2\""));
        String metrics = observe("/observe/metrics").body();
        for (String name : new String[] {"gateway_generations", "gateway_revenue_usdc_atomic", "gateway_poll_backlog",
                "gateway_callback_to_record_seconds", "gateway_longpoll_held", "gateway_kie_call_seconds", "jvm_memory_used_bytes"}) {
            assertTrue(metrics.contains(name), name + " missing");
        }
        assertTrue(metrics.contains("endpoint=\"jobs/createTask\""), "Kie.ai calls by endpoint");
        // own copies: the bytes stored grow once the video is copied; pending and failed copies are counted
        Await.until("the copy shows in the metrics", Duration.ofSeconds(20),
                () -> gauge(observe("/observe/metrics").body(), "gateway_storage_bytes") > 0);
        String after = observe("/observe/metrics").body();
        assertTrue(gauge(after, "gateway_copies_pending") >= 0 && gauge(after, "gateway_copies_failed") >= 0, "copies by status");
    }

    /** The value of an untagged gauge, -1 when it is not there. */
    private static double gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return -1;
    }

    private HttpResponse<String> observe(String path) throws Exception {
        String port = context.resolvePropertyPlaceholders("{{camel.management.port}}");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
