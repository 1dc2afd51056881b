package dev.videogate.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists exactly the operations the routes serve, and /.well-known/x402 names the paid resource. */
class OpenApiMatchesTheRoutesTest extends GatewayTest {

    @BeanInject
    CamelContext context;

    @Test
    void everyLiveOperationIsDocumentedAndNothingElse() throws Exception {
        HttpResponse<String> answer = gateway.get("/api/openapi.json");
        assertEquals(200, answer.statusCode());
        JsonNode doc = Json.parse(answer.body());
        assertEquals("3.1.0", doc.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> served = new TreeSet<>();
        for (HttpEndpointModel endpoint : context.getComponent("platform-http", PlatformHttpComponent.class).getHttpEndpoints()) {
            if (endpoint.getUri().equals("/") || endpoint.getUri().equals("/web")) {
                continue; // the web page and its files (routes/90-web.yaml) are for people, not API operations
            }
            for (String verb : endpoint.getVerbs().split(",")) {
                served.add(verb.trim().toUpperCase(Locale.ROOT) + " " + endpoint.getUri());
            }
        }
        assertEquals(served, documented, "the document and the routes agree");
        assertTrue(doc.at("/paths/~1api~1generate/post/requestBody/content/application~1json/schema/oneOf").size() >= 12,
                "one request schema per catalog model");
    }

    @Test
    void wellKnownNamesThePaidResource() throws Exception {
        HttpResponse<String> answer = gateway.get("/.well-known/x402");
        assertEquals(200, answer.statusCode());
        JsonNode doc = Json.parse(answer.body());
        assertEquals("POST /api/generate", doc.get("resources").get(0).asText());
        assertTrue(doc.get("items").get(0).get("models").size() >= 12, doc.toString());
        assertTrue(doc.get("openapi").asText().endsWith("/api/openapi.json"));
    }
}
