package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** createTask then recordInfo walks waiting/queuing/generating to success with a reachable video URL. */
class LifecycleTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(300)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void baseUrlHasKieShape() {
        assertEquals("http://127.0.0.1:" + sim.port() + "/api/v1", sim.baseUrl());
    }

    @Test
    void createAnswersTaskIdOfThirtyTwoHexChars() {
        SimClient.Answer a = client.create(SimClient.request("sora-2-text-to-video", "a cat", null));
        assertEquals(200, a.status());
        assertEquals(200, a.code());
        assertEquals("success", a.msg());
        assertTrue(a.contentType().startsWith("application/json"), a.contentType());
        assertTrue(a.data().path("taskId").asText().matches("[0-9a-f]{32}"), a.body().toString());
    }

    @Test
    void recordWalksThroughStatesToSuccessWithResultUrls() throws Exception {
        var request = SimClient.request("sora-2-text-to-video", "a cat surfing", null);
        String id = client.create(request).data().path("taskId").asText();
        Set<String> seen = new LinkedHashSet<>();
        JsonNode last = client.awaitRecord(id, d -> {
            seen.add(d.path("state").asText());
            return "success".equals(d.path("state").asText());
        }, Duration.ofSeconds(5));
        java.util.List<String> order = java.util.List.of("waiting", "queuing", "generating", "success");
        java.util.List<String> seenList = new java.util.ArrayList<>(seen);
        assertTrue(order.containsAll(seenList), "states seen: " + seen);
        assertEquals(seenList.stream().sorted(java.util.Comparator.comparingInt(order::indexOf)).toList(), seenList,
                "states in order");
        assertTrue(seen.contains("generating"), "states seen: " + seen);

        assertEquals(id, last.path("taskId").asText());
        assertEquals("sora-2-text-to-video", last.path("model").asText());
        assertTrue(last.path("param").isTextual(), "param is a JSON string");
        assertEquals(request, SimClient.JSON.readTree(last.path("param").asText()));
        assertTrue(last.path("resultJson").isTextual(), "resultJson is a JSON string");
        JsonNode result = SimClient.JSON.readTree(last.path("resultJson").asText());
        String url = result.path("resultUrls").get(0).asText();
        assertEquals(sim.videoUrl(id), url);
        assertEquals("", last.path("failCode").asText());
        assertEquals("", last.path("failMsg").asText());
        assertEquals(300, last.path("costTime").asLong());
        assertEquals(last.path("createTime").asLong() + 300, last.path("completeTime").asLong());
        assertEquals(last.path("completeTime").asLong(), last.path("updateTime").asLong());
        assertEquals(30, last.path("consumeCredits").asInt());
        assertEquals(100, last.path("progress").asInt());

        HttpResponse<byte[]> video = client.get(url);
        assertEquals(200, video.statusCode());
        assertEquals("video/mp4", video.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(KieSimulator.FAKE_MP4, video.body());
    }

    @Test
    void runningRecordHasEmptyResultAndNullCompletion() {
        String id = client.createOk("kling-2.6/text-to-video", "a dog", null);
        JsonNode d = client.recordInfo(id).data();
        assertTrue(Set.of("waiting", "queuing", "generating").contains(d.path("state").asText()), d.toString());
        assertEquals("", d.path("resultJson").asText());
        assertTrue(d.path("completeTime").isNull());
        assertTrue(d.path("costTime").isNull());
        assertTrue(d.path("consumeCredits").isNull());
        assertTrue(d.has("createTime") && d.has("updateTime"));
        assertTrue(!d.has("progress"), "progress only for sora-2 models");
    }

    @Test
    void videoOfUnfinishedOrUnknownTaskIsNotFound() throws Exception {
        String id = client.createOk("kling-2.6/text-to-video", "a dog", null);
        assertEquals(404, client.get(sim.videoUrl(id)).statusCode());
        assertEquals(404, client.get(sim.rootUrl() + "/sim/videos/nope.mp4").statusCode());
    }

    @Test
    void taskSnapshotFollowsTheTask() throws Exception {
        String id = client.createOk("wan/2-6-text-to-video", "rain on a window", "http://127.0.0.1:9/cb");
        TaskSnapshot early = sim.task(id);
        assertEquals("wan/2-6-text-to-video", early.model());
        assertEquals("rain on a window", early.input().path("prompt").asText());
        assertEquals("http://127.0.0.1:9/cb", early.callBackUrl());
        client.awaitEnd(id);
        TaskSnapshot done = sim.task(id);
        assertEquals("success", done.state());
        assertTrue(done.finished());
        assertEquals(java.util.List.of(sim.videoUrl(id)), done.resultUrls());
    }
}
