package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.videogate.kie.sim.ModelRulesTest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over HTTP: createTask applies each model's rules (422 naming the field) and bills each model's own credits. */
class PerModelCreateTaskTest {

    private static final String IMG = ModelRulesTest.IMG;

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(60).credits(1000)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private static ObjectNode request(String model, String input) {
        ObjectNode body = SimClient.JSON.createObjectNode().put("model", model);
        body.set("input", obj(input));
        return body;
    }

    static Stream<Arguments> billed() {
        return Stream.of(
                Arguments.of("sora-2-text-to-video", "{'prompt':'a cat','n_frames':'15'}", 45),
                Arguments.of("sora-2-image-to-video", "{'prompt':'a cat','image_urls':[" + IMG + "]}", 30),
                Arguments.of("sora-2-pro-text-to-video", "{'prompt':'a cat','n_frames':'15','size':'high'}", 400),
                Arguments.of("sora-2-pro-image-to-video", "{'prompt':'a cat','image_urls':[" + IMG + "]}", 90),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'a cat','sound':true,'aspect_ratio':'9:16','duration':'10'}", 220),
                Arguments.of("kling-2.6/image-to-video",
                        "{'prompt':'a cat','sound':false,'duration':'5','image_urls':[" + IMG + "]}", 55),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'21:9','duration':'8','generate_audio':true}", 56),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','duration':'10','resolution':'720p'}", 140),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','mode':'fun'}", 27));
    }

    @ParameterizedTest(name = "{0} bills {2}")
    @MethodSource("billed")
    void validRequestIsAcceptedAndBilledTheModelsCredits(String model, String input, int credits) throws Exception {
        SimClient.Answer a = client.create(request(model, input));
        assertEquals(200, a.code(), a.toString());
        String id = a.data().path("taskId").asText();
        assertEquals(credits, sim.task(id).costCredits());
        JsonNode record = client.awaitEnd(id);
        assertEquals("success", record.path("state").asText());
        assertEquals(credits, record.path("consumeCredits").asInt());
        assertEquals(1000 - credits, client.credit().data().asLong(), "the balance lost exactly the model's price");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("sora-2-image-to-video", "{'prompt':'a cat','image_urls':[" + IMG + "," + IMG + "]}",
                        "image_urls"),
                Arguments.of("sora-2-pro-text-to-video", "{'prompt':'a cat','size':'huge'}", "size"),
                Arguments.of("sora-2-text-to-video", "{'prompt':'a cat','remove_watermark':'true'}", "remove_watermark"),
                Arguments.of("kling-2.6/text-to-video", "{'prompt':'a cat','sound':false,'duration':'5'}",
                        "aspect_ratio is required"),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'" + "a".repeat(1001) + "','sound':false,'aspect_ratio':'1:1','duration':'5'}",
                        "prompt is too long"),
                Arguments.of("kling-2.6/image-to-video", "{'prompt':'a cat','sound':false,'duration':'10'}",
                        "image_urls is required"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat','aspect_ratio':'16:9','duration':8}",
                        "duration"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a','aspect_ratio':'16:9'}", "prompt is too short"),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','resolution':'4k'}", "resolution"),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','nsfw_checker':'false'}", "nsfw_checker"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refused")
    void invalidRequestAnswers422NamingTheFieldAndCreatesNothing(String model, String input, String message) {
        SimClient.Answer a = client.create(request(model, input));
        assertEquals(200, a.status(), a.toString());
        assertEquals(422, a.code(), a.toString());
        assertTrue(a.msg().contains(message), a.msg());
        assertTrue(a.data().isNull());
        assertEquals(0, sim.taskIds().size());
        assertEquals(1000, sim.credits());
    }

    @Test
    void creditCheckUsesTheModelsPrice() {
        sim.setCredits(219);
        SimClient.Answer a = client.create(request("kling-2.6/text-to-video",
                "{'prompt':'a cat','sound':true,'aspect_ratio':'16:9','duration':'10'}"));
        assertEquals(402, a.code(), "220 credits do not fit in 219");
        assertEquals(200, client.create(request("kling-2.6/text-to-video",
                "{'prompt':'a cat','sound':true,'aspect_ratio':'16:9','duration':'5'}")).code(), "110 do");
    }

    @Test
    void snapshotShowsModelAndInput() {
        String id = client.create(request("bytedance/seedance-1.5-pro",
                "{'prompt':'a cat','aspect_ratio':'4:3','fixed_lens':true}")).data().path("taskId").asText();
        TaskSnapshot t = sim.task(id);
        assertEquals("bytedance/seedance-1.5-pro", t.model());
        assertEquals("4:3", t.input().path("aspect_ratio").asText());
        assertTrue(t.input().path("fixed_lens").asBoolean());
        assertEquals(false, t.veo());
    }

    @Test
    void anyModelIdCanBePausedEvenOneTheSimulatorDoesNotKnow() {
        sim.pauseModel("kling/v2-1-master-text-to-video");
        SimClient.Answer a = client.create(request("kling/v2-1-master-text-to-video", "{'prompt':'a cat'}"));
        assertEquals(500, a.code());
        assertEquals(KieSimulator.MSG_PAUSED, a.msg());
        sim.resumeModel("kling/v2-1-master-text-to-video");
        assertEquals(422, client.create(request("kling/v2-1-master-text-to-video", "{'prompt':'a cat'}")).code(), "unknown again");
    }

    @Test
    void pausedModelIsRefusedBeforeItsRulesAreLookedAt() {
        sim.pauseModel("wan/2-6-text-to-video");
        SimClient.Answer a = client.create(request("wan/2-6-text-to-video", "{'resolution':'8k'}"));
        assertEquals(200, a.status());
        assertEquals(500, a.code());
        assertEquals(KieSimulator.MSG_PAUSED, a.msg());
        assertTrue(a.data().isNull());
    }
}
