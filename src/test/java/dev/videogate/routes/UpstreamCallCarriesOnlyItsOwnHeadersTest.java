package dev.videogate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.ExchangeBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The upstream-call template (routes/02-templates.yaml), on its own against a loopback server: the upstream gets the
 * call's own headers and none of the exchange's, the Authorization value only when one is configured, and the
 * exchange no longer holds it after the call; an error answer comes back as an answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamCallCarriesOnlyItsOwnHeadersTest {

    private static final String KEY = "test-upstream-key-9b1c";

    /** What the server received: method, path?query, then its headers (lower-case names). */
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private CamelContext camel;

    @BeforeAll
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", http -> {
            Map<String, String> seen = new TreeMap<>();
            http.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), String.join(",", values)));
            seen.put(":request", http.getRequestMethod() + " " + http.getRequestURI());
            seen.put(":body", new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(seen);
            byte[] answer = "{\"refused\":true}".getBytes(StandardCharsets.UTF_8);
            http.sendResponseHeaders(http.getRequestURI().getPath().endsWith("/refuse") ? 422 : 200, answer.length);
            http.getResponseBody().write(answer);
            http.close();
        });
        server.start();

        camel = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.setProperty("test.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api");
        settings.setProperty("test.key", KEY);
        camel.getPropertiesComponent().setInitialProperties(settings);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/02-templates.yaml"));
        // the two kinds of use: a keyed one that takes method and query from variables, and a plain POST
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("uses.yaml", """
                - routeConfiguration:
                    id: inner-steps
                    errorHandler:
                      noErrorHandler: {}
                - templatedRoute:
                    routeTemplateRef: upstream-call
                    routeId: keyed-call
                    prefixId: keyed-
                    parameters:
                      - {name: endpoint, value: keyed-call}
                      - {name: uri, value: "{{test.url}}${variable.path}"}
                      - {name: method, value: "${variable.method}"}
                      - {name: query, value: "${variable.query}"}
                      - {name: authorization, value: "Bearer {{test.key}}"}
                - templatedRoute:
                    routeTemplateRef: upstream-call
                    routeId: plain-call
                    prefixId: plain-
                    parameters:
                      - {name: endpoint, value: plain-call}
                      - {name: uri, value: "{{test.url}}/rpc"}
                """));
        camel.start();
    }

    @AfterAll
    void stop() {
        camel.stop();
        server.stop(0);
    }

    /** An exchange as a route holds it mid-flow: a caller's payment and credentials, and Camel control headers. */
    private Exchange send(String endpoint, String body, Map<String, Object> variables) {
        ExchangeBuilder exchange = ExchangeBuilder.anExchange(camel).withBody(body)
                .withHeader("X-PAYMENT", "caller-payment")
                .withHeader("Authorization", "Bearer caller-token")
                .withHeader("Cookie", "session=caller")
                .withHeader(Exchange.HTTP_URI, "http://127.0.0.1:9/elsewhere")
                .withHeader(Exchange.HTTP_PATH, "/elsewhere")
                .withHeader(Exchange.HTTP_QUERY, "steered=1")
                .withHeader(Exchange.HTTP_METHOD, "DELETE");
        Exchange built = exchange.build();
        variables.forEach(built::setVariable);
        received.clear();
        return camel.createProducerTemplate().send("direct:" + endpoint, built);
    }

    @Test
    void aKeyedGetCarriesTheKeyAndNothingOfTheExchanges() {
        Exchange answered = send("keyed-call", "", Map.of("path", "/jobs/recordInfo", "method", "GET", "query", "taskId=t1"));

        assertNull(answered.getException());
        Map<String, String> seen = received.get(0);
        assertEquals("GET /api/jobs/recordInfo?taskId=t1", seen.get(":request"));
        assertEquals("Bearer " + KEY, seen.get("authorization"));
        assertFalse(seen.containsKey("x-payment"), seen.toString());
        assertFalse(seen.containsKey("cookie"), seen.toString());
        assertFalse(seen.keySet().stream().anyMatch(h -> h.startsWith("camel")), seen.toString());
        assertNull(answered.getMessage().getHeader("Authorization"), "the key is off the exchange after the call");
        assertEquals(200, answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
    }

    @Test
    void aPlainPostSendsNoAuthorizationAndReadsAnErrorAsAnAnswer() {
        Exchange answered = send("plain-call", "{\"jsonrpc\":\"2.0\"}", Map.of());

        assertNull(answered.getException(), "an error status is an answer, not an exception");
        Map<String, String> seen = received.get(0);
        assertEquals("POST /api/rpc", seen.get(":request"));
        assertEquals("{\"jsonrpc\":\"2.0\"}", seen.get(":body"));
        assertEquals("application/json", seen.get("content-type"));
        assertFalse(seen.containsKey("authorization"), "no Authorization unless the use configures one: " + seen);
        assertFalse(seen.containsKey("x-payment"), seen.toString());
        assertNull(answered.getMessage().getHeader("Authorization"));

        Exchange refused = send("keyed-call", "{}", Map.of("path", "/refuse", "method", "POST", "query", ""));
        assertNull(refused.getException());
        assertEquals("POST /api/refuse", received.get(0).get(":request"), "an empty query sends none");
        assertEquals(422, refused.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        assertEquals("{\"refused\":true}", refused.getMessage().getBody(String.class));
    }
}
