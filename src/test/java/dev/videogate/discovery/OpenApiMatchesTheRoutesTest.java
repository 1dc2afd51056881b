package dev.videogate.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document lists exactly the operations the routes serve, is valid OpenAPI 3.1 for a standard parser, names
 * the address the bundle really answers on, and is the committed copy the client is generated from; /.well-known/x402
 * names the paid resource.
 */
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

    @Test
    void aStandardParserReadsItWithoutAMessage() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(gateway.get("/api/openapi.json").body(), null, options);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "parser messages: " + parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertTrue(parsed.getOpenAPI().getSpecVersion() == io.swagger.v3.oas.models.SpecVersion.V31);
        assertEquals(Json.parse(gateway.get("/api/openapi.json").body()).get("paths").size(), parsed.getOpenAPI().getPaths().size(),
                "every path parsed");
        // one that is not: the parser does report a broken document, so its silence above means something
        String broken = gateway.get("/api/openapi.json").body().replace("\"#/components/schemas/Error\"", "\"#/components/schemas/Nope\"");
        assertTrue(!new OpenAPIV3Parser().readContents(broken, null, options).getMessages().isEmpty(), "a dangling $ref is reported");
    }

    @Test
    void serversIsTheAddressTheBundleAnswersOn() throws Exception {
        JsonNode doc = Json.parse(gateway.get("/api/openapi.json").body());
        // the tests set app.public-base-url to http://127.0.0.1:<port>; unset, it follows camel.server.port
        assertEquals("http://127.0.0.1:" + gateway.port(), doc.at("/servers/0/url").asText());
    }

    /** The client is generated from src/test/resources/openapi.json at build time: it is what the bundle serves. */
    @Test
    void theCommittedCopyIsWhatTheBundleServes() throws Exception {
        JsonNode served = Json.parse(gateway.get("/api/openapi.json").body());
        Path copy = Path.of("src/test/resources/openapi.json");
        JsonNode committed = Json.parse(Files.readString(copy));
        // the servers URL follows the port of each run; everything else must be the same
        ((com.fasterxml.jackson.databind.node.ObjectNode) served).remove("servers");
        ((com.fasterxml.jackson.databind.node.ObjectNode) committed).remove("servers");
        if (!served.equals(committed) && Boolean.getBoolean("openapi.write")) {
            JsonNode fresh = Json.parse(gateway.get("/api/openapi.json").body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) fresh.at("/servers/0")).put("url", "http://localhost:8080");
            Files.writeString(copy, new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(fresh) + "\n");
            committed = Json.parse(Files.readString(copy));
            ((com.fasterxml.jackson.databind.node.ObjectNode) committed).remove("servers");
        }
        assertEquals(served, committed, "src/test/resources/openapi.json is stale: run this test with -Dopenapi.write=true"
                + " to write it anew, then commit it");
    }
}
