package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.ModelRules;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The models added for issue 19 (Kling 3.0, Seedance 2 and 2 Fast, Wan 2.7, Hailuo 02 Pro and Standard, Grok Imagine)
 * go through the bundle to the simulator in the shape Kie.ai documents, at the price their models.yaml comment
 * states; a bad value is a 400 that writes nothing and calls nothing upstream (the request check runs before the
 * payment gate, UnpaidRequestIsChallengedTest shows the order).
 */
class TheModelsKieServesTodayTest extends GatewayTest {

    private static final String FIRST = "https://93.184.216.34/first-frame.png";
    private static final String LAST = "https://93.184.216.34/last-frame.png";

    @Override
    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(60_000); // no callbacks while the test runs
    }

    /** model, Kie.ai id, the default request's price (the catalog comment's rule), fields the default input holds. */
    private record Expected(String model, String kieModel, String priceUsd, String input) {
    }

    @Test
    void theDefaultRequestOfEachNewModelIsKiesShapeAtTheCommentsPrice() throws Exception {
        List<Expected> expected = List.of(
                // 5 s x 14 credits x 0.01
                new Expected("kling-3.0", "kling-3.0/video", "0.70",
                        "{\"prompt\":\"A lantern festival\",\"mode\":\"std\",\"duration\":\"5\",\"aspect_ratio\":\"16:9\",\"sound\":false}"),
                // 5 s x 41 credits x 0.01, at 720p
                new Expected("seedance-2", "bytedance/seedance-2", "2.05",
                        "{\"prompt\":\"A lantern festival\",\"resolution\":\"720p\",\"aspect_ratio\":\"16:9\",\"duration\":5,\"generate_audio\":true}"),
                // 5 s x 24.8 credits x 0.01
                new Expected("seedance-2-fast", "bytedance/seedance-2-fast", "1.24",
                        "{\"prompt\":\"A lantern festival\",\"resolution\":\"720p\",\"aspect_ratio\":\"16:9\",\"duration\":5,\"generate_audio\":true}"),
                // 5 s x 24 credits (1080p) x 0.01
                new Expected("wan-2.7", "wan/2-7-text-to-video", "1.20",
                        "{\"prompt\":\"A lantern festival\",\"ratio\":\"16:9\",\"duration\":5,\"resolution\":\"1080p\"}"),
                // 6 s x 8 credits x 0.01
                new Expected("hailuo-02-pro", "hailuo/02-text-to-video-pro", "0.48",
                        "{\"prompt\":\"A lantern festival\",\"prompt_optimizer\":true}"),
                // 6 s x 4 credits x 0.01
                new Expected("hailuo-02-standard", "hailuo/02-text-to-video-standard", "0.24",
                        "{\"prompt\":\"A lantern festival\",\"duration\":\"6\",\"prompt_optimizer\":true}"),
                // 6 s x 4.5 credits (720p) x 0.01
                new Expected("grok-imagine", "grok-imagine/text-to-video", "0.27",
                        "{\"prompt\":\"A lantern festival\",\"aspect_ratio\":\"16:9\",\"mode\":\"normal\",\"duration\":6,\"resolution\":\"720p\"}"));
        for (Expected e : expected) {
            HttpResponse<String> answer = gateway.post("/api/generate",
                    "{\"model\":\"" + e.model() + "\",\"prompt\":\"A lantern festival\"}");
            assertEquals(200, answer.statusCode(), e.model() + ": " + answer.body());
            assertEquals(new BigDecimal(e.priceUsd()), Json.parse(answer.body()).get("price").decimalValue().setScale(2), e.model());
            JsonNode sent = kie.lastCreateRequest().body();
            assertEquals(e.kieModel(), sent.get("model").asText());
            assertEquals(Json.parse(e.input()), sent.get("input"), e.model() + ": exactly these fields, numbers as numbers");
            assertNull(ModelRules.check(e.kieModel(), sent.get("input")), "Kie.ai's rules hold for " + e.model());
        }
    }

    @Test
    void theNewInputShapesReachKieAsItDocumentsThem() throws Exception {
        JsonNode seedance = created("{\"model\":\"seedance-2\",\"prompt\":\"" + "a".repeat(9_000) + "\",\"options\":{\"duration\":15,"
                + "\"aspect_ratio\":\"adaptive\",\"generate_audio\":false,\"first_frame_url\":\"" + FIRST + "\",\"last_frame_url\":\"" + LAST + "\"}}");
        assertEquals(new BigDecimal("6.15"), seedance.get("price").decimalValue().setScale(2), "15 s x 0.41");
        JsonNode input = kie.lastCreateRequest().body().get("input");
        assertTrue(input.get("duration").isInt(), input.toString());
        assertEquals(15, input.get("duration").asInt());
        assertEquals(FIRST, input.get("first_frame_url").asText(), "one URL, a string: " + input);
        assertEquals(LAST, input.get("last_frame_url").asText());
        assertNull(ModelRules.check("bytedance/seedance-2", input));

        JsonNode wan = created("{\"model\":\"wan-2.7\",\"prompt\":\"A lantern festival\",\"options\":{\"duration\":2,\"resolution\":\"720p\","
                + "\"ratio\":\"9:16\",\"negative_prompt\":\"blur, text\",\"seed\":2147483647}}");
        assertEquals(new BigDecimal("0.32"), wan.get("price").decimalValue().setScale(2), "2 s x 0.16");
        input = kie.lastCreateRequest().body().get("input");
        assertEquals("blur, text", input.get("negative_prompt").asText());
        assertEquals(2147483647, input.get("seed").asInt());
        assertNull(ModelRules.check("wan/2-7-text-to-video", input));

        JsonNode grok = created("{\"model\":\"grok-imagine\",\"prompt\":\"A lantern festival\",\"options\":{\"duration\":30,"
                + "\"resolution\":\"480p\",\"mode\":\"spicy\",\"aspect_ratio\":\"2:3\"}}");
        assertEquals(new BigDecimal("0.72"), grok.get("price").decimalValue().setScale(2), "30 s x 0.024");
        assertNull(ModelRules.check("grok-imagine/text-to-video", kie.lastCreateRequest().body().get("input")));

        JsonNode kling = created("{\"model\":\"kling-3.0\",\"prompt\":\"A lantern festival\",\"options\":{\"mode\":\"pro\",\"duration\":\"15\","
                + "\"sound\":true,\"image_urls\":[\"" + FIRST + "\",\"" + LAST + "\"]}}");
        assertEquals(new BigDecimal("4.05"), kling.get("price").decimalValue().setScale(2), "15 s x (0.18 + 0.09 sound)");
        input = kie.lastCreateRequest().body().get("input");
        assertEquals(2, input.get("image_urls").size());
        assertNull(ModelRules.check("kling-3.0/video", input));

        JsonNode hailuo = created("{\"model\":\"hailuo-02-standard\",\"prompt\":\"A lantern festival\",\"options\":{\"duration\":\"10\","
                + "\"prompt_optimizer\":false}}");
        assertEquals(new BigDecimal("0.40"), hailuo.get("price").decimalValue().setScale(2), "10 s x 0.04");
    }

    @Test
    void badValuesAreRefusedWith400AndNothingHappens() throws Exception {
        long rowsBefore = rows();
        int createsBefore = kie.createTaskCalls();
        String[][] cases = {
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"duration\":\"5\"}}", "invalid_field",
                        "options.duration must be a whole number from 4 to 15 for seedance-2"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"duration\":5.5}}", "invalid_field", "a whole number from 4 to 15"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"duration\":3}}", "invalid_field", "a whole number from 4 to 15"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"duration\":16}}", "invalid_field", "a whole number from 4 to 15"},
                {"{\"model\":\"seedance-2-fast\",\"prompt\":\"A cat\",\"options\":{\"duration\":99999999999}}", "invalid_field", "from 4 to 15"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"last_frame_url\":\"" + LAST + "\"}}", "missing_field",
                        "options.last_frame_url needs options.first_frame_url"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"first_frame_url\":[\"" + FIRST + "\"]}}", "invalid_field",
                        "options.first_frame_url must be a string"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"first_frame_url\":\"http://93.184.216.34/a.png\"}}",
                        "invalid_media_url", "options.first_frame_url must use https"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"first_frame_url\":\"https://127.0.0.1/a.png\"}}",
                        "invalid_media_url", "options.first_frame_url"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"Ab\"}", "invalid_field", "needs at least 3"},
                {"{\"model\":\"seedance-2\",\"prompt\":\"A cat\",\"options\":{\"resolution\":\"1080p\"}}", "invalid_field",
                        "options.resolution is not an option of seedance-2"},
                {"{\"model\":\"wan-2.7\",\"prompt\":\"A cat\",\"options\":{\"seed\":-1}}", "invalid_field", "options.seed must be a whole number"},
                {"{\"model\":\"wan-2.7\",\"prompt\":\"A cat\",\"options\":{\"negative_prompt\":\"" + "b".repeat(501) + "\"}}", "invalid_field",
                        "options.negative_prompt must be a text of 1 to 500 characters"},
                {"{\"model\":\"wan-2.7\",\"prompt\":\"A cat\",\"options\":{\"negative_prompt\":7}}", "invalid_field", "options.negative_prompt"},
                {"{\"model\":\"wan-2.7\",\"prompt\":\"A cat\",\"options\":{\"negative_prompt\":\"  \"}}", "invalid_field", "options.negative_prompt"},
                {"{\"model\":\"wan-2.7\",\"prompt\":\"A cat\",\"options\":{\"duration\":1}}", "invalid_field", "from 2 to 15"},
                {"{\"model\":\"grok-imagine\",\"prompt\":\"A cat\",\"options\":{\"duration\":31}}", "invalid_field", "from 6 to 30"},
                {"{\"model\":\"grok-imagine\",\"prompt\":\"A cat\",\"options\":{\"mode\":\"wild\"}}", "invalid_field", "options.mode"},
                {"{\"model\":\"kling-3.0\",\"prompt\":\"A cat\",\"options\":{\"mode\":\"4K\"}}", "invalid_field", "options.mode"},
                {"{\"model\":\"kling-3.0\",\"prompt\":\"A cat\",\"options\":{\"duration\":5}}", "invalid_field", "options.duration"},
                {"{\"model\":\"hailuo-02-pro\",\"prompt\":\"A cat\",\"options\":{\"duration\":\"10\"}}", "invalid_field",
                        "options.duration is not an option of hailuo-02-pro"},
                {"{\"model\":\"hailuo-02-standard\",\"prompt\":\"" + "a".repeat(1501) + "\"}", "invalid_field", "takes at most 1500"},
        };
        for (String[] c : cases) {
            HttpResponse<String> answer = gateway.post("/api/generate", c[0]);
            String shown = c[0].length() > 120 ? c[0].substring(0, 120) : c[0];
            assertEquals(400, answer.statusCode(), shown + ": " + answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), shown);
            JsonNode error = Json.parse(answer.body());
            assertEquals(c[1], error.get("error").asText(), shown + ": " + answer.body());
            assertTrue(error.get("message").asText().contains(c[2]), shown + ": " + answer.body() + " should say " + c[2]);
        }
        assertEquals(rowsBefore, rows(), "nothing written");
        assertEquals(createsBefore, kie.createTaskCalls(), "Kie.ai not called");
    }

    private JsonNode created(String request) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", request);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parse(answer.body());
    }
}
