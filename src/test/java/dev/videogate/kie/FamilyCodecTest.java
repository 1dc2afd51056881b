package dev.videogate.kie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.CatalogFile;
import dev.videogate.catalog.KieFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generic family codec on the families models.yaml declares: each family's create body, and each family's answers
 * (Kie.ai's documented shapes) read into the same TaskRecord; Veo's 1080p extra call only when it applies.
 */
class FamilyCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, KieFamily> FAMILIES = CatalogFile.readAll(Path.of("models.yaml"), key -> null).families();
    private static final String CALLBACK = "https://gw.example/api/callback?generation=gen_abc";

    @Test
    void eachFamilyLaysOutItsCreateBody() throws Exception {
        ObjectNode fields = (ObjectNode) JSON.readTree("{\"duration\":\"5\",\"sound\":false}");
        JsonNode market = FamilyCodec.createBody(FAMILIES.get("market"), "kling-2.6/text-to-video", "A kite", fields, CALLBACK);
        assertEquals(JSON.readTree("{\"input\":{\"duration\":\"5\",\"sound\":false,\"prompt\":\"A kite\"},"
                + "\"model\":\"kling-2.6/text-to-video\",\"callBackUrl\":\"" + CALLBACK + "\"}"), market);

        JsonNode veo = FamilyCodec.createBody(FAMILIES.get("veo"), "veo3_fast", "A kite",
                (ObjectNode) JSON.readTree("{\"generationType\":\"TEXT_2_VIDEO\",\"resolution\":\"1080p\"}"), CALLBACK);
        assertEquals(JSON.readTree("{\"generationType\":\"TEXT_2_VIDEO\",\"resolution\":\"1080p\",\"prompt\":\"A kite\","
                + "\"model\":\"veo3_fast\",\"callBackUrl\":\"" + CALLBACK + "\"}"), veo);

        JsonNode runway = FamilyCodec.createBody(FAMILIES.get("runway"), "runway", "A kite",
                (ObjectNode) JSON.readTree("{\"quality\":\"720p\",\"duration\":5}"), CALLBACK);
        assertEquals(JSON.readTree("{\"quality\":\"720p\",\"duration\":5,\"prompt\":\"A kite\",\"callBackUrl\":\"" + CALLBACK + "\"}"),
                runway, "Runway takes no model field");
    }

    @Test
    void marketAnswersAreReadWithTheJsonStringStep() throws Exception {
        TaskRecord done = FamilyCodec.record(FAMILIES.get("market"), JSON.readTree("""
                {"code":200,"msg":"success","data":{"taskId":"t1","state":"success","consumeCredits":55,
                 "resultJson":"{\\"resultUrls\\":[\\"https://v/1.mp4\\"]}","failCode":"","failMsg":"",
                 "param":"{\\"callBackUrl\\":\\"https://gw.example/api/callback?generation=gen_abc\\"}"}}"""));
        assertEquals(new TaskRecord("t1", "success", "completed", true, "[\"https://v/1.mp4\"]", null, null, 55, "gen_abc"), done);

        TaskRecord queued = FamilyCodec.record(FAMILIES.get("market"), JSON.readTree(
                "{\"code\":200,\"data\":{\"taskId\":\"t1\",\"state\":\"queuing\",\"resultJson\":\"\",\"consumeCredits\":null}}"));
        assertEquals("pending", queued.state());
        assertFalse(queued.finished());
        assertEquals("[]", queued.resultUrls());

        TaskRecord failed = FamilyCodec.record(FAMILIES.get("market"), JSON.readTree(
                "{\"code\":200,\"data\":{\"taskId\":\"t1\",\"state\":\"fail\",\"failCode\":\"500\",\"failMsg\":\"content policy\"}}"));
        assertEquals("failed", failed.state());
        assertEquals("500", failed.failCode());
        assertEquals("content policy", failed.failMsg());

        // a failure message that echoes our Kie.ai key is kept (and shown to the payer) with the key masked
        String key = "kie-key-0123456789abcdef0123456789ab";
        dev.videogate.logging.SecretMask.remember(key);
        TaskRecord echoed = FamilyCodec.record(FAMILIES.get("market"), JSON.readTree(
                "{\"code\":200,\"data\":{\"taskId\":\"t2\",\"state\":\"fail\",\"failCode\":\"401\",\"failMsg\":\"bad key " + key + "\"}}"));
        assertFalse(echoed.failMsg().contains(key), echoed.failMsg());
        assertTrue(echoed.failMsg().startsWith("bad key "), echoed.failMsg());
    }

    @Test
    void veoAnswersMapTheSuccessFlag() throws Exception {
        KieFamily veo = FAMILIES.get("veo");
        TaskRecord running = FamilyCodec.record(veo, JSON.readTree("{\"code\":200,\"data\":{\"taskId\":\"v1\",\"successFlag\":0}}"));
        assertEquals("processing", running.state());
        assertEquals("successFlag=0", running.kieState());
        TaskRecord done = FamilyCodec.record(veo, JSON.readTree("""
                {"code":200,"data":{"taskId":"v1","successFlag":1,"response":{"resultUrls":["https://v/720.mp4"]},
                 "paramJson":"{\\"callBackUrl\\":\\"https://gw.example/api/callback?generation=gen_v\\"}"}}"""));
        assertEquals(new TaskRecord("v1", "successFlag=1", "completed", true, "[\"https://v/720.mp4\"]", null, null, null, "gen_v"), done);
        TaskRecord failed = FamilyCodec.record(veo, JSON.readTree(
                "{\"code\":200,\"data\":{\"taskId\":\"v1\",\"successFlag\":3,\"errorCode\":501,\"errorMessage\":\"blocked\"}}"));
        assertEquals("failed", failed.state());
        assertEquals("501", failed.failCode());
        assertEquals("blocked", failed.failMsg());
        assertEquals("processing", FamilyCodec.record(veo, JSON.readTree("{\"code\":200,\"data\":{\"successFlag\":7}}")).state(),
                "an unknown flag is other-states");
    }

    @Test
    void runwayAnswersHaveOneVideoUrl() throws Exception {
        KieFamily runway = FAMILIES.get("runway");
        TaskRecord done = FamilyCodec.record(runway, JSON.readTree("""
                {"code":200,"data":{"taskId":"r1","state":"success","videoInfo":{"videoId":"x","videoUrl":"https://v/r1.mp4",
                 "imageUrl":"https://v/r1.jpg"},"failCode":"","failMsg":"","expireFlag":0,
                 "generateParam":{"prompt":"p","callBackUrl":"https://gw.example/api/callback?generation=gen_r"}}}"""));
        assertEquals(new TaskRecord("r1", "success", "completed", true, "[\"https://v/r1.mp4\"]", null, null, null, "gen_r"), done);
        assertEquals("pending", FamilyCodec.record(runway, JSON.readTree("{\"code\":200,\"data\":{\"state\":\"wait\"}}")).state());
        assertEquals("pending", FamilyCodec.record(runway, JSON.readTree("{\"code\":200,\"data\":{\"state\":\"queueing\"}}")).state());
        assertEquals("processing", FamilyCodec.record(runway, JSON.readTree("{\"code\":200,\"data\":{\"state\":\"generating\"}}")).state());
        TaskRecord failed = FamilyCodec.record(runway, JSON.readTree(
                "{\"code\":200,\"data\":{\"taskId\":\"r1\",\"state\":\"fail\",\"videoInfo\":null,\"failCode\":\"400\",\"failMsg\":\"nsfw\"}}"));
        assertEquals("failed", failed.state());
        assertEquals("nsfw", failed.failMsg());
    }

    @Test
    void theStatusReadPutsTheTaskIdInItsQuery() {
        KieCall call = FamilyCodec.statusCall(FAMILIES.get("runway"), "a b&c");
        assertEquals("/runway/record-detail", call.path());
        assertEquals("taskId=a+b%26c", call.query(), "encoded: a task id cannot add parameters");
    }

    @Test
    void veosExtraCallRunsOnlyForA1080pResultAndComesFirst() throws Exception {
        KieFamily veo = FAMILIES.get("veo");
        TaskRecord done = new TaskRecord("v1", "successFlag=1", "completed", true, "[\"https://v/720.mp4\"]", null, null, null, null);
        JsonNode hd = JSON.readTree("{\"resolution\":\"1080p\"}");
        assertEquals(List.of(), FamilyCodec.extraCalls(veo, done, JSON.readTree("{\"resolution\":\"720p\"}"), "v1"));
        TaskRecord running = new TaskRecord("v1", "successFlag=0", "processing", false, "[]", null, null, null, null);
        assertEquals(List.of(), FamilyCodec.extraCalls(veo, running, hd, "v1"), "only after a completed read");
        assertTrue(FamilyCodec.extraCalls(FAMILIES.get("market"), done, hd, "v1").isEmpty(), "market declares none");

        List<KieCall> calls = FamilyCodec.extraCalls(veo, done, hd, "v1");
        assertEquals(1, calls.size());
        assertEquals("/veo/get-1080p-video", calls.get(0).path());
        assertEquals("taskId=v1&index=0", calls.get(0).query());

        TaskRecord withHd = FamilyCodec.withExtra(calls.get(0), JSON.readTree("{\"code\":200,\"data\":{\"resultUrl\":\"https://v/1080.mp4\"}}"), done);
        assertEquals("[\"https://v/1080.mp4\",\"https://v/720.mp4\"]", withHd.resultUrls());
        assertEquals("completed", withHd.state());

        TaskRecord notReady = FamilyCodec.withExtra(calls.get(0), null, done);
        assertEquals("processing", notReady.state());
        assertFalse(notReady.finished());
        assertEquals("successFlag=1, 1080p not ready", notReady.kieState());
        assertNull(notReady.failCode());
    }
}
