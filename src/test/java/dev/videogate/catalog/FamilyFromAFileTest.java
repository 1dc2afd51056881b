package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.videogate.support.Json;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint family is configuration: a made-up family, "acme", declared in a test file (acme-family-models.yaml)
 * with shapes no shipped family has (the prompt and fields nested in the request, the task id nested in the answer,
 * its own phases, result URLs in a JSON string, an extra call for a high-quality file), served by a small stand-in
 * for Kie.ai. The bundle, with no Java change, creates the task in that shape and delivers the video.
 */
class FamilyFromAFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestDatabase db;
    static HttpServer acme;
    static RunningGateway gateway;
    static final Map<String, Job> jobs = new ConcurrentHashMap<>();
    static final List<String> calls = new CopyOnWriteArrayList<>();

    /** One job of the stand-in: RUNNING for its first status read, then DONE (or ERROR); its hq file on the 2nd ask. */
    record Job(String id, JsonNode request, AtomicInteger reads, AtomicInteger hqAsks) {
    }

    @BeforeAll
    static void start() throws Exception {
        acme = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        acme.createContext("/api/v1/", FamilyFromAFileTest::answer);
        acme.start();
        Path file = dir.resolve("models.yaml");
        try (InputStream in = FamilyFromAFileTest.class.getResourceAsStream("/acme-family-models.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        db = new TestDatabase();
        gateway = RunningGateway.start(db, "http://127.0.0.1:" + acme.getAddress().getPort() + "/api/v1", "acme-key", Map.of(
                "app.models.catalog-file", file.toAbsolutePath().toString(),
                "app.poll.grace-ms", "200"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (db != null) {
            db.close();
        }
        acme.stop(0);
    }

    @Test
    void theRequestHasTheFamilysShapeAndTheVideoArrives() throws Exception {
        JsonNode created = create("{\"model\":\"acme-clip\",\"prompt\":\"A fox in snow\",\"options\":{\"seconds\":\"8\"}}");
        assertEquals(0.10, created.get("price").asDouble());
        String taskId = created.get("kieTaskId").asText();
        assertTrue(taskId.startsWith("job-"), "the id from data.job.id: " + created);
        JsonNode sent = jobs.get(taskId).request();
        assertEquals("acme-2", sent.at("/job/engine").asText(), sent.toString());
        assertEquals("A fox in snow", sent.at("/job/text").asText());
        assertEquals("8", sent.at("/job/settings/length").asText());
        assertEquals("film", sent.at("/job/settings/style").asText());
        assertEquals(false, sent.at("/job/settings/hq").asBoolean(true));
        assertTrue(sent.at("/notify").asText().contains("/api/callback?generation=" + created.get("generationId").asText()));

        JsonNode done = status(created.get("generationId").asText());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals("https://cdn.acme.test/" + taskId + ".mp4", done.get("result").asText());
        assertTrue(calls.contains("GET /api/v1/acme/v1/jobs/status id=" + taskId), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("GET /api/v1/acme/v1/jobs/hq id=" + taskId)), "no hq call without hq");
        assertEquals("acme", db.rows("SELECT kie_family FROM generation WHERE id = ?", created.get("generationId").asText())
                .get(0).get("kie_family"));
    }

    @Test
    void theExtraCallRunsForHqAndWaitsUntilItsFileIsReady() throws Exception {
        JsonNode created = create("{\"model\":\"acme-clip\",\"prompt\":\"A fox in snow\",\"options\":{\"hq\":true}}");
        assertEquals(0.15, created.get("price").asDouble());
        String taskId = created.get("kieTaskId").asText();
        JsonNode done = status(created.get("generationId").asText());
        assertEquals("completed", done.get("state").asText(), done.toString());
        assertEquals("https://cdn.acme.test/" + taskId + "-hq.mp4", done.get("result").asText(), "the hq file first");
        assertEquals(2, jobs.get(taskId).hqAsks().get(), "asked again after 'not ready': " + calls);
        assertTrue(calls.contains("GET /api/v1/acme/v1/jobs/hq id=" + taskId + "&format=mp4"), calls.toString());
    }

    @Test
    void aFailureIsReadWhereTheFamilySays() throws Exception {
        JsonNode created = create("{\"model\":\"acme-clip\",\"prompt\":\"A fox [refuse]\"}");
        JsonNode done = status(created.get("generationId").asText());
        assertEquals("failed", done.get("state").asText(), done.toString());
        assertEquals("the engine refused the prompt", done.get("failMsg").asText(), done.toString());
    }

    private static JsonNode create(String body) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }

    private static JsonNode status(String id) throws Exception {
        return Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
    }

    // ------------------------------------------------------------------ the stand-in for Kie.ai

    private static void answer(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            calls.add(ex.getRequestMethod() + " " + path + (query == null ? "" : " " + query));
            if (!"Bearer acme-key".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, JSON.createObjectNode().put("code", 401).put("msg", "no key"));
                return;
            }
            String id = query == null ? "" : query.replaceAll("^id=([^&]*).*$", "$1");
            Job job = jobs.get(id);
            switch (path) {
                case "/api/v1/acme/v1/jobs" -> {
                    JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
                    Job created = new Job("job-" + (jobs.size() + 1), request, new AtomicInteger(), new AtomicInteger());
                    jobs.put(created.id(), created);
                    ObjectNode body = JSON.createObjectNode().put("code", 200).put("msg", "ok");
                    body.putObject("data").putObject("job").put("id", created.id());
                    send(ex, body);
                }
                case "/api/v1/acme/v1/jobs/status" -> {
                    ObjectNode body = JSON.createObjectNode().put("code", 200).put("msg", "ok");
                    ObjectNode data = body.putObject("data").putObject("job").put("id", id);
                    boolean refused = job.request().at("/job/text").asText().contains("[refuse]");
                    String phase = job.reads().incrementAndGet() < 2 ? "RUNNING" : refused ? "ERROR" : "DONE";
                    data.put("phase", phase);
                    data.put("submitted", job.request().toString());
                    data.put("output", "DONE".equals(phase) ? "{\"files\":[\"https://cdn.acme.test/" + id + ".mp4\"]}" : "");
                    if ("ERROR".equals(phase)) {
                        data.put("errorKind", "refused").put("error", "the engine refused the prompt");
                    }
                    send(ex, body);
                }
                case "/api/v1/acme/v1/jobs/hq" -> {
                    if (job.hqAsks().incrementAndGet() < 2) {
                        send(ex, JSON.createObjectNode().put("code", 404).put("msg", "hq file not ready"));
                    } else {
                        ObjectNode body = JSON.createObjectNode().put("code", 200).put("msg", "ok");
                        body.putObject("data").put("url", "https://cdn.acme.test/" + id + "-hq.mp4");
                        send(ex, body);
                    }
                }
                case "/api/v1/chat/credit" -> send(ex, JSON.createObjectNode().put("code", 200).put("msg", "ok").put("data", 100));
                default -> {
                    ex.sendResponseHeaders(404, -1);
                }
            }
        }
    }

    private static void send(HttpExchange ex, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
