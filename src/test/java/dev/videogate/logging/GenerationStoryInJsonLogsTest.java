package dev.videogate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import dev.videogate.support.ProductionConsole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two paid generations told in JSON logs (app.log.format=json, the bundle's own log4j2.properties): each one's story
 * (the paid POST on a Vert.x worker, the Kie.ai createTask call, settlement, the Quartz poller, Kie.ai's callback,
 * the reconciler for the one whose settle answer is lost, its webhook) is written with its generationId on every
 * line, never with the other's; and no line holds the Kie.ai key or a payment signature, although Apache HttpClient
 * is made to log every request header (the Kie.ai key goes out in one).
 */
class GenerationStoryInJsonLogsTest extends PaidGatewayTest {

    private static final String KIE_KEY = "kie-story-" + UUID.randomUUID();
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString("story-webhook-secret-0123456789ab".getBytes());

    private ProductionConsole console;
    private HttpServer receiver;

    @Override
    protected SimulatorSettings simulator() {
        // long enough for the poller to look at each task before Kie.ai's callback comes
        return SimulatorSettings.defaults().generationMillis(1500).apiKey(KIE_KEY);
    }

    @Override
    protected Map<String, String> settings() {
        // few workers: the stray callbacks below run on threads that have served the stories
        return Map.of("app.poll.grace-ms", "0", "app.webhooks.secret", WEBHOOK_SECRET, "app.webhooks.allow-insecure-urls", "true",
                "app.webhooks.interval-ms", "200", "app.http.worker-threads", "4");
    }

    @BeforeAll
    void jsonConsoleAndReceiver() throws IOException {
        console = ProductionConsole.open("json");
        // every outgoing request header, the Authorization to Kie.ai included, reaches the log: masking has work to do
        Configurator.setLevel("org.apache.hc.client5.http.headers", Level.DEBUG);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
    }

    @AfterAll
    void textConsoleAgain() {
        receiver.stop(0);
        console.close();
    }

    @Test
    void everyLineOfAStoryCarriesItsGenerationIdAndNoSecret() throws Exception {
        x402.facilitatorControl("lose-settle-answers", "{\"times\":1,\"when\":\"after\"}");
        JsonNode lost = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(2), withHook("a story whose settle answer is lost"));
        JsonNode plain = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(3), withHook("a plain story"));
        assertEquals(202, lost.get("status").asInt(), lost.toString());
        assertEquals(200, plain.get("status").asInt(), plain.toString());
        String lostId = lost.get("body").get("generationId").asText();
        String plainId = plain.get("body").get("generationId").asText();
        Await.until("both webhooks delivered and the lost settlement reconciled", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM webhook_delivery WHERE status = 'delivered'") == 2
                        && db.count("SELECT count(*) FROM generation WHERE payment_status = 'settled'") == 2);
        // Kie.ai calls back again for a finished task: still part of that generation's story
        String plainTask = plain.get("body").get("kieTaskId").asText();
        assertEquals(200, gateway.post("/api/callback", "{\"code\":200,\"data\":{\"taskId\":\"" + plainTask + "\"}}").statusCode());
        // after the stories, on the same pooled worker threads: work for no generation is logged with none
        for (int i = 0; i < 8; i++) {
            assertEquals(404, gateway.post("/api/callback", "{\"code\":200,\"data\":{\"taskId\":\"stray-task-" + i + "\"}}").statusCode());
        }
        // the webhook senders log a delivery after its row says delivered: wait for both lines
        Await.until("both deliveries logged", Duration.ofSeconds(10), () -> console.lines().stream()
                .filter(l -> l.matches(".*\"message\":\"Webhook [0-9]+ delivered\".*")).count() >= 2);

        List<JsonNode> lines = console.lines().stream().map(Json::parse) // each line is one JSON object
                .filter(l -> !l.path("logger").asText().startsWith("dev.videogate.kie.sim")) // Kie.ai's stand-in, not the bundle
                .toList();
        assertTrue(lines.size() > 20, "the bundle's lines: " + lines.size());
        for (JsonNode line : lines) {
            assertTrue(Instant.parse(line.path("time").asText()).isAfter(Instant.now().minusSeconds(600)), line.toString());
            assertTrue(line.path("level").isTextual() && line.path("logger").isTextual() && line.path("thread").isTextual()
                    && line.path("message").isTextual(), line.toString());
        }
        List<JsonNode> stray = lines.stream().filter(l -> l.path("message").asText().contains("stray-task-")).toList();
        assertEquals(8, stray.size(), render(stray));
        stray.forEach(l -> assertFalse(l.has("generationId"), "no generation's id outlives its work on a pooled thread: " + l));
        assertTrue(stray.stream().anyMatch(s -> lines.stream().anyMatch(l -> l.has("generationId")
                && l.path("thread").asText().equals(s.path("thread").asText()))), "a thread served a story first:\n" + render(stray));

        for (JsonNode paid : List.of(lost, plain)) {
            String id = paid.get("body").get("generationId").asText();
            String task = paid.get("body").get("kieTaskId").asText();
            String other = id.equals(lostId) ? plainId : lostId;
            List<JsonNode> story = lines.stream().filter(l -> id.equals(l.path("generationId").asText())).toList();
            String told = render(story);
            // whatever names this generation or its task is told as part of its story, never another's
            for (JsonNode line : lines) {
                String message = line.path("message").asText();
                if (message.contains(id) || message.contains(task)) {
                    assertEquals(id, line.path("generationId").asText(), "a line about " + id + ": " + line);
                }
            }
            assertFalse(told.contains(other), "no line of " + id + " is about " + other + ":\n" + told);
            // the steps of the story, each on the thread that does it
            has(story, "the task created, on a Vert.x worker", l -> message(l).equals("Kie.ai task " + task + " created for sora-2")
                    && l.path("thread").asText().startsWith("vert.x-worker-thread"));
            has(story, "Apache HttpClient's createTask request line", l -> message(l).endsWith(">> POST /api/v1/jobs/createTask HTTP/1.1"));
            has(story, "its Authorization header, masked", l -> message(l).endsWith(">> Authorization: ***")
                    && "kie-call".equals(l.path("camel.routeId").asText()));
            has(story, "a status check by the Quartz poller", l -> message(l).startsWith("Kie.ai task " + task + " is ")
                    && message(l).endsWith("(poll)") && l.path("thread").asText().contains("Quartz"));
            has(story, "Kie.ai's callback, on a Vert.x worker", l -> message(l).equals("Kie.ai task " + task + " is completed (callback)")
                    && l.path("thread").asText().startsWith("vert.x-worker-thread"));
            has(story, "its webhook, sent on a webhook sender thread", l -> message(l).matches("Webhook [0-9]+ delivered")
                    && l.path("thread").asText().startsWith("webhook-sender-"));
            story.forEach(l -> assertTrue(l.path("camel.routeId").isTextual() && l.path("camel.exchangeId").isTextual(), "Camel's MDC: " + l));
        }
        List<JsonNode> lostStory = lines.stream().filter(l -> lostId.equals(l.path("generationId").asText())).toList();
        has(lostStory, "the lost settle answer", l -> message(l).startsWith("Settlement of " + lostId + " has no answer"));
        has(lostStory, "the reconciler's confirmation", l -> message(l).equals("Payment of " + lostId + " confirmed on chain: settled")
                && "reconcile-payment".equals(l.path("camel.routeId").asText()) && l.path("thread").asText().contains("Quartz"));
        List<JsonNode> plainStory = lines.stream().filter(l -> plainId.equals(l.path("generationId").asText())).toList();
        has(plainStory, "the settlement", l -> message(l).startsWith("Settlement of " + plainId + ": settled in transaction 0x"));
        has(plainStory, "the repeated callback", l -> message(l).startsWith("Repeated callback for " + plainId));

        String everything = String.join("\n", console.lines());
        assertFalse(everything.contains(KIE_KEY), "the Kie.ai key");
        assertFalse(everything.contains(WEBHOOK_SECRET.substring(6)), "the webhook secret");
        for (JsonNode paid : List.of(lost, plain)) {
            String header = paid.get("request").get("paymentHeader").asText();
            String signature = Json.parse(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8))
                    .at("/payload/signature").asText();
            assertTrue(signature.length() > 100, "a real signature: " + signature);
            assertFalse(everything.contains(header.substring(0, 60)), "the payment header");
            assertFalse(everything.contains(signature.substring(2, 60)), "the payment signature");
        }
    }

    private String withHook(String prompt) {
        return "{\"model\":\"sora-2\",\"prompt\":\"" + prompt + "\",\"webhookUrl\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook\"}";
    }

    private static String message(JsonNode line) {
        return line.path("message").asText();
    }

    private static void has(List<JsonNode> story, String what, Predicate<JsonNode> line) {
        assertTrue(story.stream().anyMatch(line), what + " is in the story:\n" + render(story));
    }

    private static String render(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }
}
