package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Run on another port without setting the public URL: Kie.ai's callBackUrl, the OpenAPI servers entry and the
 * x402 resource (here /.well-known/x402's; the 402's is the same setting) name that port, not 8080 (where the callbacks used to go, and whatever listened there got them).
 */
class PublicUrlFollowsThePortTest {

    @Test
    void theDefaultPublicUrlNamesTheServersPort() throws Exception {
        assumeTrue(System.getenv("NEXT_PUBLIC_APP_URL") == null, "the environment sets the public URL");
        try (TestDatabase db = new TestDatabase();
             KieSimulator kie = new KieSimulator().start();
             RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of(), Set.of("app.public-base-url"))) {
            String base = "http://localhost:" + gateway.port();

            JsonNode created = Json.parse(gateway.post("/api/generate", Json.request("A lighthouse at dusk")).body());
            String id = created.get("generationId").asText();
            JsonNode sent = Json.parse(kie.lastCreateRequest().rawBody());
            assertEquals(base + "/api/callback?generation=" + id, sent.get("callBackUrl").asText());

            JsonNode openApi = Json.parse(gateway.get("/api/openapi.json").body());
            assertEquals(base, openApi.at("/servers/0/url").asText());

            JsonNode wellKnown = Json.parse(gateway.get("/.well-known/x402").body());
            assertEquals(base + "/api/generate", wellKnown.at("/items/0/resource").asText(), wellKnown.toString());
        }
    }
}
