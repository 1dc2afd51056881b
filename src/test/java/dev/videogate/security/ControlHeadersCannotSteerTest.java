package dev.videogate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import dev.videogate.support.RawHttp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Camel control headers sent by a caller (any case) steer nothing, on every entry and mode: no SQL of theirs
 * runs, no upstream call goes elsewhere, no status is forged, and none of them is echoed back.
 */
class ControlHeadersCannotSteerTest extends PaidGatewayTest {

    private static final String PWNED = "UPDATE generation SET prompt = 'pwned' RETURNING id";

    private HttpServer canary;
    private final AtomicInteger canaryHits = new AtomicInteger();
    private String completedId;
    private String completedToken;
    private String completedTask;
    private int checked;

    private List<Map.Entry<String, String>> controlHeaders() {
        String canaryUrl = "http://127.0.0.1:" + canary.getAddress().getPort() + "/steal";
        return List.of(
                Map.entry("CamelSqlQuery", PWNED),
                Map.entry("camelsqlquery", PWNED),
                Map.entry("CAMELSQLQUERY", PWNED),
                Map.entry("CamelSqlParameters", "x"),
                Map.entry("CamelSqlRetrieveGeneratedKeys", "true"),
                Map.entry("CamelSqlRowCount", "99"),
                Map.entry("CamelHttpUri", canaryUrl),
                Map.entry("camelHttpUri", canaryUrl),
                Map.entry("CamelHttpPath", "/steal"),
                Map.entry("CamelHttpQuery", "taskId=someone-else"),
                Map.entry("CamelHttpMethod", "DELETE"),
                Map.entry("CamelHttpResponseCode", "299"),
                Map.entry("CamelHttpRawQuery", "x=1"),
                Map.entry("org.apache.camel.Anything", "x"));
    }

    @BeforeAll
    void startCanary() throws Exception {
        canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            canaryHits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        canary.start();
    }

    /** Once, with the bundle up (it starts before the first test): one paid generation that completed. */
    @BeforeEach
    void oneCompletedGeneration() throws Exception {
        if (completedId != null) {
            return;
        }
        HttpResponse paid = paidGenerate(Map.of());
        assertEquals(200, paid.status, paid.body);
        JsonNode created = Json.parse(paid.body);
        completedId = created.get("generationId").asText();
        completedToken = created.get("accessToken").asText();
        completedTask = created.get("kieTaskId").asText();
        Await.until("the generation completes", Duration.ofSeconds(20),
                () -> "completed".equals(db.rows("SELECT state FROM generation WHERE id = ?", completedId).get(0).get("state")));
    }

    @AfterAll
    void stopCanary() {
        if (canary != null) {
            canary.stop(0);
        }
    }

    @Test
    void unpaidGenerate() throws Exception {
        for (Map.Entry<String, String> header : controlHeaders()) {
            long rowsBefore = rows();
            int tasks = kie.createTaskCalls();
            RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/generate",
                    Map.of(header.getKey(), header.getValue()), Json.request("a quiet harbour"));
            assertEquals(402, answer.status(), header + " " + answer.body());
            assertTrue(answer.header("PAYMENT-REQUIRED") != null, "still the x402 challenge");
            assertUntouched(header, answer, rowsBefore, tasks);
        }
    }

    @Test
    void paidGenerate() throws Exception {
        for (Map.Entry<String, String> header : controlHeaders()) {
            long rowsBefore = rows();
            int tasks = kie.createTaskCalls();
            HttpResponse answer = paidGenerate(Map.of(header.getKey(), header.getValue()));
            assertEquals(200, answer.status, header + " " + answer.body);
            assertEquals(tasks + 1, kie.createTaskCalls(), "exactly the one task it paid for");
            assertEquals("/api/v1/jobs/createTask", kie.lastCreateRequest().path(), "to the configured Kie.ai path");
            assertFalse(kie.lastCreateRequest().headers().keySet().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("camel")));
            assertUntouched(header, answer.raw, rowsBefore + 1, tasks + 1);
        }
    }

    @Test
    void statusWithoutWaiting() throws Exception {
        statusIsUnsteered("false");
    }

    @Test
    void statusLongPoll() throws Exception {
        statusIsUnsteered("true");
    }

    @Test
    void callback() throws Exception {
        for (Map.Entry<String, String> header : controlHeaders()) {
            long rowsBefore = rows();
            int tasks = kie.createTaskCalls();
            String body = kie.callbackBody(completedTask);
            RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/callback", Map.of(header.getKey(), header.getValue()), body);
            assertEquals(200, answer.status(), header + " " + answer.body());
            assertEquals(200, Json.parse(answer.body()).get("code").asInt());
            assertUntouched(header, answer, rowsBefore, tasks);
        }
    }

    private void statusIsUnsteered(String poll) throws Exception {
        for (Map.Entry<String, String> header : controlHeaders()) {
            long rowsBefore = rows();
            int tasks = kie.createTaskCalls();
            RawHttp.Answer answer = RawHttp.send(gateway.port(), "GET", "/api/generate/" + completedId + "?poll=" + poll,
                    Map.of(header.getKey(), header.getValue(), "Authorization", "Bearer " + completedToken), null);
            assertEquals(200, answer.status(), header + " " + answer.body());
            JsonNode status = Json.parse(answer.body());
            assertEquals("completed", status.get("state").asText(), answer.body());
            assertEquals(completedId, status.get("generationId").asText());
            assertUntouched(header, answer, rowsBefore, tasks);

            RawHttp.Answer unknown = RawHttp.send(gateway.port(), "GET", "/api/generate/gen_1700000000000_abcdefabcdefabcdefab?poll=" + poll,
                    Map.of(header.getKey(), header.getValue()), null);
            assertEquals(404, unknown.status(), "an unknown id stays unknown: " + header);
            assertUntouched(header, unknown, rowsBefore, tasks);
        }
    }

    private void assertUntouched(Map.Entry<String, String> header, RawHttp.Answer answer, long rows, int tasks) throws Exception {
        checked++;
        assertEquals(0, db.count("SELECT count(*) FROM generation WHERE prompt = 'pwned'"), "no SQL of the caller's ran: " + header);
        assertEquals(rows, rows(), "no row added or removed: " + header);
        assertEquals(tasks, kie.createTaskCalls(), "no unpaid Kie.ai task: " + header);
        assertEquals(0, canaryHits.get(), "no upstream call went to the caller's URL: " + header);
        assertTrue(answer.headers().keySet().stream().noneMatch(name -> name.startsWith("camel") || name.startsWith("org.apache.camel")),
                "no control header echoed: " + answer.headers());
    }

    @AfterAll
    void report() {
        System.out.println("control header x endpoint combinations checked: " + checked);
    }

    private record HttpResponse(int status, String body, RawHttp.Answer raw) {
    }

    private HttpResponse paidGenerate(Map<String, String> extra) throws Exception {
        String signature = x402.sign("--version", "2", "--key", x402.payerKey(0), "--requirements", offeredRequirement().toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put("PAYMENT-SIGNATURE", signature);
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/generate", headers, Json.request("a quiet harbour"));
        return new HttpResponse(answer.status(), answer.body(), answer);
    }
}
