package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static dev.videogate.kie.sim.ModelRulesTest.obj;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Veo 3.1 on its own endpoints: veo/generate, veo/record-info, veo/get-1080p-video. */
class VeoTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(300).credits(1000)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void generateThenRecordInfoGoesFromRunningToSuccessWithResultUrls() throws Exception {
        ObjectNode request = SimClient.veoRequest(null, "a lighthouse at dawn", null);
        SimClient.Answer created = client.veoGenerate(request);
        assertEquals(200, created.status());
        assertEquals(200, created.code());
        assertEquals("success", created.msg());
        String id = created.data().path("taskId").asText();
        assertTrue(id.matches("[0-9a-f]{32}"), created.toString());

        JsonNode running = client.veoRecordInfo(id).data();
        assertEquals(id, running.path("taskId").asText());
        assertEquals(0, running.path("successFlag").asInt());
        assertTrue(running.path("response").isNull());
        assertTrue(running.path("errorCode").isNull());
        assertEquals("", running.path("errorMessage").asText());
        assertTrue(running.path("completeTime").isNull());
        assertTrue(running.path("createTime").isNumber());
        assertFalse(running.path("fallbackFlag").asBoolean(true));
        assertTrue(running.path("paramJson").isTextual(), "paramJson is a JSON string");
        assertEquals(request, SimClient.JSON.readTree(running.path("paramJson").asText()));
        assertEquals(1000, client.credit().data().asLong(), "not charged while running");

        JsonNode done = client.awaitVeoEnd(id);
        assertEquals(1, done.path("successFlag").asInt());
        JsonNode response = done.path("response");
        assertEquals(id, response.path("taskId").asText());
        assertEquals(List.of(sim.videoUrl(id)), SimClient.JSON.convertValue(response.path("resultUrls"), List.class));
        assertEquals(1, response.path("originUrls").size());
        assertEquals("720p", response.path("resolution").asText());
        assertEquals(done.path("createTime").asLong() + 300, done.path("completeTime").asLong());
        assertTrue(done.path("errorCode").isNull());
        assertEquals(940, client.credit().data().asLong(), "veo3_fast at 720p costs 60");

        HttpResponse<byte[]> video = client.get(response.path("resultUrls").get(0).asText());
        assertEquals(200, video.statusCode());
        assertArrayEquals(KieSimulator.FAKE_MP4, video.body());

        TaskSnapshot t = sim.task(id);
        assertTrue(t.veo());
        assertEquals("veo3_fast", t.model(), "the default model");
        assertEquals("a lighthouse at dawn", t.input().path("prompt").asText());
        assertEquals("success", t.state());
        assertEquals(60, t.costCredits());
    }

    @Test
    void eachVeoModelAndResolutionBillsItsPrice() throws Exception {
        sim.setCredits(10_000);
        String quality = client.veoGenerateOk(obj("{'prompt':'a','model':'veo3','resolution':'4k'}"));
        String lite = client.veoGenerateOk(obj("{'prompt':'b','model':'veo3_lite','resolution':'1080p'}"));
        assertEquals(370, sim.task(quality).costCredits());
        assertEquals(35, sim.task(lite).costCredits());
        client.awaitVeoEnd(quality);
        client.awaitVeoEnd(lite);
        assertEquals(10_000 - 370 - 35, sim.credits());
        assertEquals("4k", client.veoRecordInfo(quality).data().path("response").path("resolution").asText());
    }

    @Test
    void notEnoughCreditsForTheClipAnswers402() {
        sim.setCredits(369);
        SimClient.Answer a = client.veoGenerate(obj("{'prompt':'a','model':'veo3','resolution':'4k'}"));
        assertEquals(200, a.status());
        assertEquals(402, a.code());
        assertEquals(KieSimulator.MSG_CREDITS, a.msg());
        assertEquals(0, sim.taskIds().size());
    }

    @Test
    void invalidBodiesAnswer422NamingTheField() {
        assertRejected(obj("{'model':'veo3_fast'}"), "prompt is required");
        assertRejected(obj("{'prompt':'" + "a".repeat(5001) + "'}"), "prompt is too long");
        assertRejected(obj("{'prompt':'x','model':'veo4'}"), "model must be one of: veo3, veo3_fast, veo3_lite");
        assertRejected(obj("{'prompt':'x','resolution':'8k'}"), "resolution");
        assertRejected(obj("{'prompt':'x','aspectRatio':'1:1'}"), "aspectRatio");
        assertRejected(obj("{'prompt':'x','generationType':'FIRST_AND_LAST_FRAMES_2_VIDEO'}"), "imageUrls");
        assertRejected(obj("{'prompt':'x','seeds':'random'}"), "seeds");
        assertRejected(obj("{'prompt':'x','callBackUrl':'ftp://example.com/cb'}"), "callBackUrl");
        SimClient.Answer notJson = client.veoGenerate("{nope", sim.apiKey());
        assertEquals(422, notJson.code());
        assertTrue(notJson.msg().contains("JSON"), notJson.msg());
        assertEquals(0, sim.taskIds().size());
        assertEquals(9, sim.veoGenerateCalls(), "rejected calls are counted too");
    }

    @Test
    void referenceToVideoIsRefusedForQualityButNotForFast() {
        String images = "['https://example.com/a.png','https://example.com/b.png']";
        SimClient.Answer quality = client.veoGenerate(obj(
                "{'prompt':'x','model':'veo3','generationType':'REFERENCE_2_VIDEO','imageUrls':" + images + "}"));
        assertEquals(200, quality.status());
        assertEquals(422, quality.code());
        assertTrue(quality.msg().contains("REFERENCE_2_VIDEO") && quality.msg().contains("veo3"), quality.msg());
        assertTrue(quality.data().isNull());
        SimClient.Answer fast = client.veoGenerate(obj(
                "{'prompt':'x','model':'veo3_fast','generationType':'REFERENCE_2_VIDEO','imageUrls':" + images + "}"));
        assertEquals(200, fast.code(), fast.toString());
    }

    @Test
    void pausedVeoModelIsRefused() {
        sim.pauseModel("veo3_fast");
        SimClient.Answer byDefault = client.veoGenerate(obj("{'prompt':'x'}"));
        assertEquals(200, byDefault.status());
        assertEquals(500, byDefault.code());
        assertEquals(KieSimulator.MSG_PAUSED, byDefault.msg(), "the default model is veo3_fast");
        assertEquals(500, client.veoGenerate(obj("{'prompt':'x','model':'veo3_fast'}")).code());
        assertEquals(500, client.veoGenerate(obj("{'model':'veo3_fast','resolution':'bad'}")).code(),
                "paused before the body's rules");
        assertEquals(200, client.veoGenerate(obj("{'prompt':'x','model':'veo3_lite'}")).code(),
                "other Veo models still work");
        sim.resumeModel("veo3_fast");
        assertEquals(200, client.veoGenerate(obj("{'prompt':'x'}")).code());
    }

    @Test
    void veoModelsPausedFromTheSettingsStayPausedAfterReset() {
        try (KieSimulator paused = new KieSimulator(new SimulatorSettings().generationMillis(50)
                .pausedModels(Set.of("veo3", "sora-2-text-to-video"))).start()) {
            SimClient c = new SimClient(paused);
            assertEquals(500, c.veoGenerate(obj("{'prompt':'x','model':'veo3'}")).code());
            assertEquals(500, c.create(SimClient.request("sora-2-text-to-video", "x", null)).code());
            assertEquals(200, c.veoGenerate(obj("{'prompt':'x','model':'veo3_fast'}")).code());
            paused.resumeModel("veo3");
            assertEquals(200, c.veoGenerate(obj("{'prompt':'x','model':'veo3'}")).code());
            paused.reset();
            assertEquals(Set.of("veo3", "sora-2-text-to-video"), paused.pausedModels());
            assertEquals(500, c.veoGenerate(obj("{'prompt':'x','model':'veo3'}")).code());
        }
    }

    @Test
    void failDirectiveEndsWithSuccessFlag2AndNoCharge() throws Exception {
        String id = client.veoGenerateOk(SimClient.veoRequest("veo3", "x [sim:fail:Flagged by the safety filter]",
                null));
        JsonNode done = client.awaitVeoEnd(id);
        assertEquals(2, done.path("successFlag").asInt());
        assertEquals(KieSimulator.VEO_CODE_FAIL, done.path("errorCode").asInt());
        assertEquals("Flagged by the safety filter", done.path("errorMessage").asText());
        assertTrue(done.path("response").isNull());
        assertTrue(done.path("completeTime").isNumber());
        assertEquals(1000, sim.credits(), "failed clips cost nothing");
        assertEquals("fail", sim.task(id).state());
        assertEquals("501", sim.task(id).failCode());
        assertEquals(404, client.get(sim.videoUrl(id)).statusCode());
    }

    @Test
    void get1080pIsNotReadyUntilTheTaskSucceeded() throws Exception {
        String id = client.veoGenerateOk(SimClient.veoRequest(null, "a harbour", null));
        SimClient.Answer early = client.veo1080p(id, 0);
        assertEquals(200, early.status());
        assertEquals(400, early.code());
        assertEquals(KieSimulator.MSG_VEO_1080P_NOT_READY, early.msg());
        assertTrue(early.msg().contains("not ready"));
        assertEquals(404, client.get(sim.video1080pUrl(id)).statusCode(), "no 1080p file yet");

        client.awaitVeoEnd(id);
        SimClient.Answer ready = client.veo1080p(id, 0);
        assertEquals(200, ready.code(), ready.toString());
        assertEquals("success", ready.msg());
        String url = ready.data().path("resultUrl").asText();
        assertEquals(sim.video1080pUrl(id), url);
        HttpResponse<byte[]> video = client.get(url);
        assertEquals(200, video.statusCode());
        assertEquals("video/mp4", video.headers().firstValue("Content-Type").orElse(""));
        assertEquals(200, client.veo1080p(id, null).code(), "index defaults to 0");
        assertEquals(422, client.veo1080p(id, 1).code(), "one clip per task");
        assertEquals(4, sim.veo1080pCalls());
    }

    @Test
    void get1080pOfFailedUnknownOrMarketTasks() throws Exception {
        String failed = client.veoGenerateOk(SimClient.veoRequest(null, "x [sim:fail]", null));
        client.awaitVeoEnd(failed);
        SimClient.Answer a = client.veo1080p(failed, 0);
        assertEquals(400, a.code());
        assertEquals(KieSimulator.MSG_VEO_1080P_FAILED, a.msg());

        assertEquals(422, client.veo1080p("0".repeat(32), 0).code());
        String market = client.createOk("sora-2-text-to-video", "x", null);
        client.awaitEnd(market);
        assertEquals(422, client.veo1080p(market, 0).code(), "market tasks have no Veo 1080p video");
        assertEquals(404, client.get(sim.video1080pUrl(market)).statusCode());
        SimClient.Answer noId = client.getJson("/veo/get-1080p-video", sim.apiKey());
        assertEquals(400, noId.code());
        assertEquals(401, client.getJson("/veo/get-1080p-video?taskId=" + failed, "wrong").status());
    }

    @Test
    void recordInfoEndpointsKeepMarketAndVeoTasksApart() throws Exception {
        String veo = client.veoGenerateOk(SimClient.veoRequest(null, "x", null));
        String market = client.createOk("sora-2-text-to-video", "y", null);
        SimClient.Answer veoAtMarket = client.recordInfo(veo);
        assertEquals(422, veoAtMarket.code());
        assertEquals(KieSimulator.MSG_RECORD_NULL, veoAtMarket.msg());
        SimClient.Answer marketAtVeo = client.veoRecordInfo(market);
        assertEquals(200, marketAtVeo.status());
        assertEquals(422, marketAtVeo.code());
        assertEquals(KieSimulator.MSG_RECORD_NULL, marketAtVeo.msg());
        assertTrue(marketAtVeo.data().isNull());
        SimClient.Answer noId = client.veoRecordInfo(null);
        assertEquals(400, noId.code());
        assertEquals(KieSimulator.MSG_TASK_ID_REQUIRED, noId.msg());
        assertEquals(401, client.getJson("/veo/record-info?taskId=" + veo, "wrong").status());
    }

    @Test
    void countersAndScriptingApplyToVeo() throws Exception {
        sim.failNextCreates(1, 429, 429, "Rate limit exceeded");
        SimClient.Answer limited = client.veoGenerate(SimClient.veoRequest(null, "x", null));
        assertEquals(429, limited.status());
        assertEquals(429, limited.code());
        String id = client.veoGenerateOk(SimClient.veoRequest(null, "x [sim:slow:30]", null));
        sim.failNextRecordInfo(1, 500, 500, "Server Error");
        assertEquals(500, client.veoRecordInfo(id).code(), "scripted status-read errors apply to Veo too");
        client.awaitVeoEnd(id);
        assertTrue(sim.task(id).completeTime() - sim.task(id).createTime() < 300, "[sim:slow:30] sets the time");

        assertEquals(2, sim.veoGenerateCalls());
        assertEquals(0, sim.createTaskCalls(), "createTask is counted apart");
        assertTrue(sim.veoRecordInfoCalls() >= 2);
        assertEquals(sim.veoRecordInfoCalls(), sim.recordInfoCalls(id));
        assertEquals(0, sim.recordInfoCalls(), "recordInfo is counted apart");
        assertEquals("x [sim:slow:30]", sim.lastCreateRequest().body().path("prompt").asText());
        assertTrue(sim.lastCreateRequest().path().endsWith("/veo/generate"));

        sim.reset();
        assertEquals(0, sim.veoGenerateCalls());
        assertEquals(0, sim.veoRecordInfoCalls());
        assertEquals(0, sim.veo1080pCalls());
    }

    @Test
    void stuckVeoTaskStaysRunning() throws Exception {
        String id = client.veoGenerateOk(SimClient.veoRequest(null, "x [sim:stuck]", null));
        Thread.sleep(400);
        assertEquals(0, client.veoRecordInfo(id).data().path("successFlag").asInt());
        assertEquals(400, client.veo1080p(id, 0).code());
    }

    @Test
    void wrongMethodAndMissingKey() {
        assertEquals(405, client.getJson("/veo/generate", sim.apiKey()).status());
        SimClient.Answer noKey = client.veoGenerate(SimClient.veoRequest(null, "x", null).toString(), null);
        assertEquals(401, noKey.status());
        assertEquals(KieSimulator.MSG_UNAUTHORIZED, noKey.msg());
    }

    private void assertRejected(ObjectNode body, String msgPart) {
        SimClient.Answer a = client.veoGenerate(body);
        assertEquals(200, a.status(), a.toString());
        assertEquals(422, a.code(), a.toString());
        assertTrue(a.msg().contains(msgPart), a.msg());
        assertTrue(a.data().isNull());
    }
}
