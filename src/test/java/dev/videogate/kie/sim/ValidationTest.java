package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** createTask validates like Kie.ai: HTTP 200 with body code 422 and a message. */
class ValidationTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private SimClient.Answer assertRejected(String body, String msgPart) {
        SimClient.Answer a = client.create(body, sim.apiKey());
        assertEquals(200, a.status(), a.toString());
        assertEquals(422, a.code(), a.toString());
        assertTrue(a.msg().contains(msgPart), a.msg());
        assertTrue(a.body().path("data").isNull());
        return a;
    }

    @Test
    void promptOverTenThousandCharsIsRejected() {
        assertRejected(SimClient.request("sora-2-text-to-video", "a".repeat(10_001), null).toString(), "prompt");
        assertEquals(200, client.create(SimClient.request("sora-2-text-to-video", "a".repeat(10_000), null)).code());
    }

    @Test
    void missingOrEmptyPromptIsRejected() {
        assertRejected(SimClient.request("kling-2.6/text-to-video", "   ", null).toString(), "prompt");
        ObjectNode noPrompt = SimClient.request("kling-2.6/text-to-video", "x", null);
        noPrompt.with("input").remove("prompt");
        assertRejected(noPrompt.toString(), "prompt is required");
        ObjectNode noInput = SimClient.request("kling-2.6/text-to-video", "x", null);
        noInput.remove("input");
        assertRejected(noInput.toString(), "input");
    }

    @Test
    void unknownOrMissingModelIsRejected() {
        assertRejected(SimClient.request("no-such-model", "x", null).toString(), "no-such-model");
        ObjectNode noModel = SimClient.request("kling-2.6/text-to-video", "x", null);
        noModel.remove("model");
        assertRejected(noModel.toString(), "model");
    }

    @Test
    void soraAspectRatioAndFramesAreChecked() {
        ObjectNode ratio = SimClient.request("sora-2-text-to-video", "x", null);
        ratio.with("input").put("aspect_ratio", "16:9");
        assertRejected(ratio.toString(), "aspect_ratio");
        ObjectNode frames = SimClient.request("sora-2-text-to-video", "x", null);
        frames.with("input").put("n_frames", "12");
        assertRejected(frames.toString(), "n_frames");
        ObjectNode numeric = SimClient.request("sora-2-text-to-video", "x", null);
        numeric.with("input").put("n_frames", 10);
        assertRejected(numeric.toString(), "n_frames");
        ObjectNode portrait = SimClient.request("sora-2-text-to-video", "x", null);
        portrait.with("input").put("aspect_ratio", "portrait").put("n_frames", "15");
        assertEquals(200, client.create(portrait).code());
        ObjectNode bare = SimClient.JSON.createObjectNode().put("model", "sora-2-text-to-video");
        bare.putObject("input").put("prompt", "only a prompt");
        assertEquals(200, client.create(bare).code(), "optional fields may be left out");
    }

    @Test
    void imageToVideoNeedsImageUrls() {
        assertRejected(SimClient.request("sora-2-image-to-video", "x", null).toString(), "image_urls");
        ObjectNode ok = SimClient.request("sora-2-image-to-video", "x", null);
        ok.with("input").putArray("image_urls").add("https://example.com/a.png");
        assertEquals(200, client.create(ok).code());
    }

    @Test
    void badJsonAndBadCallBackUrlAreRejected() {
        assertRejected("{not json", "JSON");
        assertRejected(SimClient.request("kling-2.6/text-to-video", "x", "not a url").toString(), "callBackUrl");
        assertEquals(0, sim.taskIds().size());
    }
}
