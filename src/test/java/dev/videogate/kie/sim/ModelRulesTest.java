package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ModelRules, asked directly as another module's test would: what each model accepts, refuses and bills. */
class ModelRulesTest {

    /** JSON written with single quotes, for short tables. */
    static ObjectNode obj(String singleQuoted) {
        try {
            return (ObjectNode) SimClient.JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    static final String IMG = "'https://example.com/a.png'";
    static final String IMG2 = "'https://example.com/b.png'";

    /** Valid inputs and what a success of each bills. */
    static Stream<Arguments> validInputs() {
        return Stream.of(
                Arguments.of("sora-2-text-to-video", "{'prompt':'a cat'}", 30),
                Arguments.of("sora-2-text-to-video",
                        "{'prompt':'a cat','aspect_ratio':'portrait','n_frames':'15','remove_watermark':true}", 45),
                Arguments.of("sora-2-image-to-video", "{'prompt':'a cat','image_urls':[" + IMG + "]}", 30),
                Arguments.of("sora-2-pro-text-to-video", "{'prompt':'a cat','n_frames':'10'}", 90),
                Arguments.of("sora-2-pro-text-to-video", "{'prompt':'a cat','n_frames':'15','size':'standard'}", 135),
                Arguments.of("sora-2-pro-text-to-video", "{'prompt':'a cat','n_frames':'10','size':'high'}", 200),
                Arguments.of("sora-2-pro-image-to-video",
                        "{'prompt':'a cat','n_frames':'15','size':'high','image_urls':[" + IMG + "]}", 400),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'a cat','sound':false,'aspect_ratio':'16:9','duration':'5'}", 55),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'a cat','sound':false,'aspect_ratio':'1:1','duration':'10'}", 110),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'a cat','sound':true,'aspect_ratio':'9:16','duration':'5'}", 110),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'a cat','sound':true,'aspect_ratio':'16:9','duration':'10','nsfw_checker':true}",
                        220),
                Arguments.of("kling-2.6/image-to-video",
                        "{'prompt':'a cat','sound':true,'duration':'10','image_urls':[" + IMG + "]}", 220),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat','aspect_ratio':'21:9'}", 28),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'4:3','resolution':'720p','duration':'4'}", 14),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'3:4','resolution':'720p','duration':'12',"
                                + "'generate_audio':true,'fixed_lens':true}", 84),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'cat','aspect_ratio':'1:1','resolution':'480p','duration':'4','input_urls':[]}", 7),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'9:16','resolution':'1080p','duration':'12',"
                                + "'generate_audio':true,'input_urls':[" + IMG + "," + IMG2 + "]}", 168),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat'}", 105),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','resolution':'720p','duration':'5'}", 70),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','resolution':'720p','duration':'15'}", 210),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','resolution':'1080p','duration':'10'}", 210),
                Arguments.of("kling/v2-1-master-text-to-video", "{'prompt':'a cat','anything':[1,2]}", 50),
                // the models added in 2026-12: Kling 3.0, Seedance 2 (and fast), Wan 2.7, Hailuo 02, Grok Imagine
                Arguments.of("kling-3.0/video", "{'prompt':'a cat'}", 70),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','mode':'pro','duration':'15','sound':true,"
                        + "'aspect_ratio':'9:16','image_urls':[" + IMG + "," + IMG2 + "],'multi_shots':false}", 405),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','mode':'std','duration':'3','sound':true}", 60),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat'}", 205),
                Arguments.of("bytedance/seedance-2", "{'prompt':'" + "a".repeat(20_000) + "','duration':15,"
                        + "'aspect_ratio':'adaptive','generate_audio':false,'first_frame_url':" + IMG
                        + ",'last_frame_url':" + IMG2 + "}", 615),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','duration':4,'resolution':'1080p',"
                        + "'reference_image_urls':[" + IMG + "],'reference_audio_urls':[" + IMG2 + "]}", 328),
                Arguments.of("bytedance/seedance-2-fast", "{'prompt':'a cat','duration':5}", 124),
                Arguments.of("bytedance/seedance-2-fast", "{'prompt':'a cat','duration':7}", 174),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat'}", 120),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat','duration':2,'resolution':'720p','ratio':'9:16',"
                        + "'negative_prompt':'blur','seed':42}", 32),
                Arguments.of("hailuo/02-text-to-video-pro", "{'prompt':'a cat','prompt_optimizer':false}", 48),
                Arguments.of("hailuo/02-text-to-video-standard", "{'prompt':'a cat'}", 24),
                Arguments.of("hailuo/02-text-to-video-standard", "{'prompt':'a cat','duration':'10'}", 40),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat'}", 27),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','duration':30,'resolution':'480p',"
                        + "'mode':'spicy','aspect_ratio':'2:3'}", 72),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','duration':7,'resolution':'480p'}", 17));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} credits")
    @MethodSource("validInputs")
    void validInputIsAcceptedAndPriced(String model, String input, int credits) {
        assertNull(ModelRules.check(model, obj(input)), model + " " + input);
        assertEquals(credits, ModelRules.credits(model, obj(input)), model + " " + input);
        assertEquals(credits, SimulatorSettings.DEFAULT_COST_RULE.applyAsInt(model, obj(input)));
    }

    /** Inputs Kie.ai refuses, and a piece of the message (which names the field). */
    static Stream<Arguments> invalidInputs() {
        String tooLong10k = "a".repeat(10_001);
        return Stream.of(
                Arguments.of("sora-2-text-to-video", "{'prompt':'" + tooLong10k + "'}",
                        "prompt is too long: at most 10000 characters"),
                Arguments.of("sora-2-text-to-video", "{'prompt':'  '}", "prompt cannot be empty"),
                Arguments.of("sora-2-text-to-video", "{'prompt':7}", "prompt must be a string"),
                Arguments.of("sora-2-text-to-video", "{'n_frames':'10'}", "prompt is required"),
                Arguments.of("sora-2-text-to-video", "{'prompt':'x','aspect_ratio':'16:9'}",
                        "aspect_ratio must be one of: landscape, portrait"),
                Arguments.of("sora-2-text-to-video", "{'prompt':'x','n_frames':10}",
                        "n_frames must be one of: \"10\", \"15\""),
                Arguments.of("sora-2-text-to-video", "{'prompt':'x','remove_watermark':'yes'}",
                        "remove_watermark must be true or false"),
                Arguments.of("sora-2-text-to-video", "{'prompt':'x','nsfw_checker':'no'}",
                        "nsfw_checker must be true or false"),
                Arguments.of("sora-2-image-to-video", "{'prompt':'x'}", "image_urls is required"),
                Arguments.of("sora-2-image-to-video", "{'prompt':'x','image_urls':[]}",
                        "image_urls must hold exactly 1 URL"),
                Arguments.of("sora-2-image-to-video", "{'prompt':'x','image_urls':[" + IMG + "," + IMG2 + "]}",
                        "image_urls must hold exactly 1 URL (got 2)"),
                Arguments.of("sora-2-image-to-video", "{'prompt':'x','image_urls':" + IMG + "}",
                        "image_urls must be an array"),
                Arguments.of("sora-2-image-to-video", "{'prompt':'x','image_urls':[5]}", "image_urls[0]"),
                Arguments.of("sora-2-image-to-video", "{'prompt':'x','image_urls':['not a url']}", "image_urls[0]"),
                Arguments.of("sora-2-pro-text-to-video", "{'prompt':'x','size':'ultra'}",
                        "size must be one of: standard, high"),
                Arguments.of("sora-2-pro-image-to-video", "{'prompt':'x','size':'high'}", "image_urls is required"),
                Arguments.of("kling-2.6/text-to-video", "{'prompt':'x','aspect_ratio':'16:9','duration':'5'}",
                        "sound is required"),
                Arguments.of("kling-2.6/text-to-video", "{'prompt':'x','sound':false,'duration':'5'}",
                        "aspect_ratio is required"),
                Arguments.of("kling-2.6/text-to-video", "{'prompt':'x','sound':false,'aspect_ratio':'16:9'}",
                        "duration is required"),
                Arguments.of("kling-2.6/text-to-video", "{'sound':false,'aspect_ratio':'16:9','duration':'5'}",
                        "prompt is required"),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'" + "a".repeat(1001) + "','sound':false,'aspect_ratio':'16:9','duration':'5'}",
                        "prompt is too long: at most 1000 characters"),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'x','sound':false,'aspect_ratio':'4:3','duration':'5'}",
                        "aspect_ratio must be one of: 1:1, 16:9, 9:16"),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'x','sound':false,'aspect_ratio':'16:9','duration':'15'}",
                        "duration must be one of: \"5\", \"10\""),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'x','sound':false,'aspect_ratio':'16:9','duration':5}", "duration must be one of"),
                Arguments.of("kling-2.6/text-to-video",
                        "{'prompt':'x','sound':'true','aspect_ratio':'16:9','duration':'5'}",
                        "sound must be true or false"),
                Arguments.of("kling-2.6/image-to-video", "{'prompt':'x','sound':false,'duration':'5'}",
                        "image_urls is required"),
                Arguments.of("kling-2.6/image-to-video",
                        "{'prompt':'x','sound':false,'duration':'5','image_urls':[" + IMG + "," + IMG2 + "]}",
                        "image_urls must hold exactly 1 URL"),
                Arguments.of("kling-2.6/image-to-video", "{'prompt':'x','duration':'5','image_urls':[" + IMG + "]}",
                        "sound is required"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'ab','aspect_ratio':'16:9'}",
                        "prompt is too short: at least 3 characters"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'" + "a".repeat(2501) + "','aspect_ratio':'16:9'}",
                        "prompt is too long: at most 2500 characters"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat'}", "aspect_ratio is required"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat','aspect_ratio':'2:1'}",
                        "aspect_ratio must be one of: 1:1, 4:3, 3:4, 16:9, 9:16, 21:9"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat','aspect_ratio':'16:9','resolution':'4k'}",
                        "resolution must be one of: 480p, 720p, 1080p"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat','aspect_ratio':'16:9','duration':'5'}",
                        "duration must be one of: \"4\", \"8\", \"12\""),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'16:9','input_urls':[" + IMG + "," + IMG2 + "," + IMG + "]}",
                        "input_urls must hold at most 2 URLs (got 3)"),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'16:9','input_urls':{'a':1}}", "input_urls must be an array"),
                Arguments.of("bytedance/seedance-1.5-pro", "{'prompt':'a cat','aspect_ratio':'16:9','fixed_lens':1}",
                        "fixed_lens must be true or false"),
                Arguments.of("bytedance/seedance-1.5-pro",
                        "{'prompt':'a cat','aspect_ratio':'16:9','generate_audio':'on'}",
                        "generate_audio must be true or false"),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'" + "a".repeat(5001) + "'}",
                        "prompt is too long: at most 5000 characters"),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','duration':'8'}",
                        "duration must be one of: \"5\", \"10\", \"15\""),
                Arguments.of("wan/2-6-text-to-video", "{'prompt':'a cat','resolution':'480p'}",
                        "resolution must be one of: 720p, 1080p"),
                Arguments.of("kling/v2-1-master-text-to-video", "{'prompt':'" + tooLong10k + "'}", "prompt is too long"),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','mode':'8K'}", "mode must be one of: std, pro, 4K"),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','duration':5}", "duration must be one of: \"3\""),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','duration':'16'}", "duration must be one of"),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','image_urls':[" + IMG + "," + IMG + "," + IMG + "]}",
                        "image_urls must hold at most 2 URLs"),
                Arguments.of("kling-3.0/video", "{'prompt':'a cat','multi_shots':'yes'}", "multi_shots must be true or false"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'ab'}", "prompt is too short: at least 3"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'" + "a".repeat(20_001) + "'}",
                        "prompt is too long: at most 20000 characters"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','duration':'5'}", "duration must be an integer"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','duration':5.5}", "duration must be an integer"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','duration':3}", "duration must be between 4 and 15"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','duration':16}", "duration must be between 4 and 15"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','first_frame_url':[" + IMG + "]}",
                        "first_frame_url must be an http(s) URL string"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','first_frame_url':'ftp://example.com/a.png'}",
                        "first_frame_url must be an http(s) URL string"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','last_frame_url':" + IMG + "}",
                        "last_frame_url needs first_frame_url"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','first_frame_url':" + IMG
                        + ",'reference_image_urls':[" + IMG2 + "]}", "cannot be used together"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','reference_video_urls':[" + IMG + "," + IMG + ","
                        + IMG + "," + IMG + "]}", "reference_video_urls must hold at most 3 URLs"),
                Arguments.of("bytedance/seedance-2", "{'prompt':'a cat','aspect_ratio':'2:1'}", "aspect_ratio must be one of"),
                Arguments.of("bytedance/seedance-2-fast", "{'prompt':'a cat','resolution':'1080p'}",
                        "resolution must be one of: 480p, 720p"),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat','duration':1}", "duration must be between 2 and 15"),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat','seed':-1}", "seed must be between 0 and"),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat','seed':'42'}", "seed must be an integer"),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat','negative_prompt':'" + "b".repeat(501) + "'}",
                        "negative_prompt is too long: at most 500"),
                Arguments.of("wan/2-7-text-to-video", "{'prompt':'a cat','ratio':'4:3'}", "ratio must be one of: 16:9, 9:16, 1:1"),
                Arguments.of("hailuo/02-text-to-video-pro", "{'prompt':'" + "a".repeat(1501) + "'}",
                        "prompt is too long: at most 1500"),
                Arguments.of("hailuo/02-text-to-video-pro", "{'prompt':'a cat','prompt_optimizer':1}",
                        "prompt_optimizer must be true or false"),
                Arguments.of("hailuo/02-text-to-video-standard", "{'prompt':'a cat','duration':'8'}",
                        "duration must be one of: \"6\", \"10\""),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','mode':'wild'}",
                        "mode must be one of: fun, normal, spicy"),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','duration':31}", "duration must be between 6 and 30"),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','resolution':'1080p'}",
                        "resolution must be one of: 480p, 720p"),
                Arguments.of("grok-imagine/text-to-video", "{'prompt':'a cat','aspect_ratio':'4:3'}", "aspect_ratio must be one of"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("invalidInputs")
    void invalidInputIsRefusedNamingTheField(String model, String input, String message) {
        String problem = ModelRules.check(model, obj(input));
        assertNotNull(problem, model + " should refuse " + input);
        assertTrue(problem.contains(message), "'" + problem + "' should contain '" + message + "'");
    }

    @Test
    void unknownFieldsAreIgnoredAndNullCountsAsLeftOut() {
        assertNull(ModelRules.check("kling-2.6/text-to-video",
                obj("{'prompt':'x','sound':false,'aspect_ratio':'16:9','duration':'5','camera':'dolly','seed':3}")));
        assertNull(ModelRules.check("kling-2.6/image-to-video",
                obj("{'prompt':'x','sound':false,'duration':'5','image_urls':[" + IMG + "],'aspect_ratio':'4:3'}")),
                "image-to-video has no aspect_ratio: an extra field, ignored");
        assertNull(ModelRules.check("sora-2-text-to-video", obj("{'prompt':'x','aspect_ratio':null}")));
        assertEquals("sound is required", ModelRules.check("kling-2.6/text-to-video",
                obj("{'prompt':'x','sound':null,'aspect_ratio':'16:9','duration':'5'}")));
    }

    @Test
    void inputThatIsNotAnObjectIsRefused() {
        assertEquals("input is required", ModelRules.check("wan/2-6-text-to-video", (JsonNode) null));
        assertEquals("input must be a JSON object", ModelRules.check("wan/2-6-text-to-video", "[1]"));
        assertEquals("input must be a JSON object", ModelRules.check("wan/2-6-text-to-video", "{not json"));
        assertNull(ModelRules.check("wan/2-6-text-to-video", "{\"prompt\":\"a cat\"}"), "the JSON-text overload");
    }

    @Test
    void promptLengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83C\uDF0A"; // one character, two UTF-16 units
        assertNull(ModelRules.check("kling-2.6/text-to-video",
                obj("{'prompt':'" + emoji.repeat(1000) + "','sound':false,'aspect_ratio':'16:9','duration':'5'}")));
    }

    // ------------------------------------------------------------------ Veo

    static Stream<Arguments> veoPrices() {
        return Stream.of(
                Arguments.of("veo3_lite", "720p", 30), Arguments.of("veo3_lite", "1080p", 35),
                Arguments.of("veo3_lite", "4k", 150),
                Arguments.of("veo3_fast", "720p", 60), Arguments.of("veo3_fast", "1080p", 65),
                Arguments.of("veo3_fast", "4k", 180),
                Arguments.of("veo3", "720p", 250), Arguments.of("veo3", "1080p", 255), Arguments.of("veo3", "4k", 370));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("veoPrices")
    void veoClipPrices(String model, String resolution, int credits) {
        ObjectNode body = obj("{'prompt':'a cat','model':'" + model + "','resolution':'" + resolution + "'}");
        assertNull(ModelRules.checkVeoRequest(body));
        assertEquals(credits, ModelRules.credits(model, body));
    }

    @Test
    void veoDefaultsAreFastAt720p() {
        assertEquals(60, ModelRules.credits(ModelRules.VEO_DEFAULT_MODEL, obj("{'prompt':'a cat'}")));
        assertEquals("veo3_fast", ModelRules.VEO_DEFAULT_MODEL);
        assertNull(ModelRules.checkVeoRequest(obj("{'prompt':'a cat'}")));
    }

    static Stream<Arguments> invalidVeoBodies() {
        String three = "[" + IMG + "," + IMG2 + "," + IMG + "]";
        String four = "[" + IMG + "," + IMG2 + "," + IMG + "," + IMG2 + "]";
        return Stream.of(
                Arguments.of("{'model':'veo3_fast'}", "prompt is required"),
                Arguments.of("{'prompt':'" + "a".repeat(5001) + "'}", "prompt is too long: at most 5000 characters"),
                Arguments.of("{'prompt':'x','model':'veo2'}", "model must be one of: veo3, veo3_fast, veo3_lite"),
                Arguments.of("{'prompt':'x','generationType':'IMAGE_2_VIDEO'}", "generationType must be one of"),
                Arguments.of("{'prompt':'x','generationType':'FIRST_AND_LAST_FRAMES_2_VIDEO'}",
                        "imageUrls is required for generationType FIRST_AND_LAST_FRAMES_2_VIDEO"),
                Arguments.of("{'prompt':'x','generationType':'FIRST_AND_LAST_FRAMES_2_VIDEO','imageUrls':[]}",
                        "imageUrls is required"),
                Arguments.of("{'prompt':'x','generationType':'FIRST_AND_LAST_FRAMES_2_VIDEO','imageUrls':" + three + "}",
                        "imageUrls must hold 1 to 2 URLs for generationType FIRST_AND_LAST_FRAMES_2_VIDEO (got 3)"),
                Arguments.of("{'prompt':'x','generationType':'REFERENCE_2_VIDEO','model':'veo3','imageUrls':[" + IMG
                        + "]}", "generationType REFERENCE_2_VIDEO is only available with model veo3_fast or veo3_lite"),
                Arguments.of("{'prompt':'x','generationType':'REFERENCE_2_VIDEO'}",
                        "imageUrls is required for generationType REFERENCE_2_VIDEO"),
                Arguments.of("{'prompt':'x','generationType':'REFERENCE_2_VIDEO','imageUrls':" + four + "}",
                        "imageUrls must hold at most 3 URLs (got 4)"),
                Arguments.of("{'prompt':'x','imageUrls':'" + "https://example.com/a.png" + "'}",
                        "imageUrls must be an array"),
                Arguments.of("{'prompt':'x','aspect_ratio':'1:1'}", "aspect_ratio must be one of: 16:9, 9:16, Auto"),
                Arguments.of("{'prompt':'x','aspectRatio':'4:3'}", "aspectRatio must be one of: 16:9, 9:16, Auto"),
                Arguments.of("{'prompt':'x','resolution':'2k'}", "resolution must be one of: 720p, 1080p, 4k"),
                Arguments.of("{'prompt':'x','enableTranslation':'yes'}", "enableTranslation must be true or false"),
                Arguments.of("{'prompt':'x','watermark':5}", "watermark must be a string"),
                Arguments.of("{'prompt':'x','seeds':'12345'}", "seeds must be an integer"),
                Arguments.of("{'prompt':'x','seeds':1.5}", "seeds must be an integer"),
                Arguments.of("{'prompt':'x','callBackUrl':'not a url'}", "callBackUrl is not a valid http(s) URL"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidVeoBodies")
    void invalidVeoBodyIsRefusedNamingTheField(String body, String message) {
        String problem = ModelRules.checkVeoRequest(obj(body));
        assertNotNull(problem, "should refuse " + body);
        assertTrue(problem.contains(message), "'" + problem + "' should contain '" + message + "'");
    }

    @Test
    void validVeoBodies() {
        String img = "[" + IMG + "]";
        String three = "[" + IMG + "," + IMG2 + "," + IMG + "]";
        for (String body : List.of(
                "{'prompt':'x','generationType':'TEXT_2_VIDEO','aspect_ratio':'Auto','enableTranslation':true,"
                        + "'watermark':'MyBrand','seeds':12345,'callBackUrl':'https://example.com/cb'}",
                "{'prompt':'x','aspectRatio':'9:16'}",
                "{'prompt':'x','generationType':'FIRST_AND_LAST_FRAMES_2_VIDEO','imageUrls':[" + IMG + "," + IMG2
                        + "],'model':'veo3'}",
                "{'prompt':'x','generationType':'FIRST_AND_LAST_FRAMES_2_VIDEO','imageUrls':" + img + "}",
                "{'prompt':'x','generationType':'REFERENCE_2_VIDEO','imageUrls':" + three + ",'model':'veo3_fast'}",
                "{'prompt':'x','generationType':'REFERENCE_2_VIDEO','imageUrls':" + img + ",'model':'veo3_lite'}",
                "{'prompt':'x','imageUrls':" + img + ",'unknownField':{'a':1}}")) {
            assertNull(ModelRules.checkVeoRequest(obj(body)), body);
        }
    }

    @Test
    void checkWithAVeoModelAsksTheVeoRulesForThatModel() {
        ObjectNode reference = obj("{'prompt':'x','generationType':'REFERENCE_2_VIDEO','imageUrls':[" + IMG + "]}");
        assertNull(ModelRules.check("veo3_fast", reference));
        assertNull(ModelRules.check("veo3_lite", reference));
        assertTrue(ModelRules.check("veo3", reference).contains("REFERENCE_2_VIDEO"));
        assertTrue(ModelRules.isVeoModel("veo3") && !ModelRules.isVeoModel("kling-2.6/text-to-video"));
    }

    @Test
    void rulesDescribeThemselves() {
        assertEquals(List.of("prompt", "sound", "aspect_ratio", "duration", "nsfw_checker"),
                List.copyOf(ModelRules.fieldNames("kling-2.6/text-to-video")));
        assertTrue(ModelRules.describe("kling-2.6/text-to-video").contains("duration: one of \"5\", \"10\"; required"),
                ModelRules.describe("kling-2.6/text-to-video").toString());
        assertTrue(ModelRules.describe("veo3").stream().anyMatch(l -> l.contains("REFERENCE_2_VIDEO")));
        assertEquals("55 for 5 s, 110 for 10 s; doubled with sound", ModelRules.pricing("kling-2.6/image-to-video"));
        assertEquals("250 per clip at 720p, 255 at 1080p, 370 at 4k", ModelRules.pricing("veo3"));
        assertTrue(ModelRules.marketModels().containsAll(List.of("sora-2-text-to-video", "sora-2-image-to-video",
                "sora-2-pro-text-to-video", "sora-2-pro-image-to-video", "kling-2.6/text-to-video",
                "kling-2.6/image-to-video", "bytedance/seedance-1.5-pro", "wan/2-6-text-to-video", "kling-3.0/video",
                "bytedance/seedance-2", "bytedance/seedance-2-fast", "wan/2-7-text-to-video", "hailuo/02-text-to-video-pro",
                "hailuo/02-text-to-video-standard", "grok-imagine/text-to-video")));
        assertTrue(ModelRules.describe("bytedance/seedance-2").contains("duration: an integer from 4 to 15; default 5"),
                ModelRules.describe("bytedance/seedance-2").toString());
        assertTrue(SimulatorSettings.DEFAULT_MODELS.containsAll(ModelRules.marketModels()),
                "the simulator knows every model it has rules for");
    }
}
