package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.videogate.kie.sim.ModelRules.FIRST_AND_LAST_FRAMES_2_VIDEO;
import static dev.videogate.kie.sim.ModelRules.REFERENCE_2_VIDEO;
import static dev.videogate.kie.sim.ModelRules.TEXT_2_VIDEO;

/** The {@code veo/generate} body's rules and Veo 3.1 prices; {@link ModelRules} is the public face. */
final class VeoRules {

    static final List<FieldRule> FIELDS = List.of(
            FieldRule.text("prompt", 1, ModelRules.VEO_MAX_PROMPT_LENGTH).mandatory(),
            FieldRule.choice("model", ModelRules.VEO_MODELS.toArray(String[]::new))
                    .defaultsTo(ModelRules.VEO_DEFAULT_MODEL),
            FieldRule.choice("generationType", TEXT_2_VIDEO, FIRST_AND_LAST_FRAMES_2_VIDEO, REFERENCE_2_VIDEO)
                    .defaultsTo(TEXT_2_VIDEO),
            FieldRule.urls("imageUrls", 0, 3),
            FieldRule.choice("aspect_ratio", "16:9", "9:16", "Auto"),
            FieldRule.choice("aspectRatio", "16:9", "9:16", "Auto"),
            FieldRule.choice("resolution", "720p", "1080p", "4k").defaultsTo("720p"),
            FieldRule.string("callBackUrl"),
            FieldRule.flag("enableTranslation"),
            FieldRule.string("watermark"),
            FieldRule.integer("seeds"));

    /** Rules that tie fields together, in words. */
    static final List<String> CROSS_RULES = List.of(
            "generationType " + FIRST_AND_LAST_FRAMES_2_VIDEO + ": imageUrls 1..2 URLs; required",
            "generationType " + REFERENCE_2_VIDEO + ": imageUrls 1..3 URLs; required; model veo3_fast or veo3_lite",
            "generationType " + TEXT_2_VIDEO + ": imageUrls ignored",
            "callBackUrl: an http(s) URL");

    /** Credits per 8 s clip at 720p, 1080p and 4k (Kie's August 2026 list). */
    private static final Map<String, int[]> CREDITS = Map.of(
            "veo3_lite", new int[]{30, 35, 150},
            "veo3_fast", new int[]{60, 65, 180},
            "veo3", new int[]{250, 255, 370});

    private VeoRules() {
    }

    static String check(JsonNode body) {
        for (FieldRule field : FIELDS) {
            String problem = field.check(body);
            if (problem != null) {
                return problem;
            }
        }
        String callBack = ModelRules.callBackUrlProblem(body);
        if (callBack != null) {
            return callBack;
        }
        String type = field("generationType").valueIn(body);
        String model = field("model").valueIn(body);
        JsonNode images = body.get("imageUrls");
        int count = images != null && images.isArray() ? images.size() : 0;
        if (FIRST_AND_LAST_FRAMES_2_VIDEO.equals(type)) {
            return imageCount(type, count, 2);
        }
        if (REFERENCE_2_VIDEO.equals(type)) {
            if ("veo3".equals(model)) {
                return "generationType " + REFERENCE_2_VIDEO
                        + " is only available with model veo3_fast or veo3_lite, not veo3";
            }
            return imageCount(type, count, 3);
        }
        return null;
    }

    private static String imageCount(String type, int count, int max) {
        if (count == 0) {
            return "imageUrls is required for generationType " + type + " (1 to " + max + " URLs)";
        }
        return count <= max ? null
                : "imageUrls must hold 1 to " + max + " URLs for generationType " + type + " (got " + count + ")";
    }

    /** Credits of one clip; an unknown model or resolution is priced as veo3_fast at 720p. */
    static int credits(String model, JsonNode body) {
        int[] prices = CREDITS.getOrDefault(model, CREDITS.get(ModelRules.VEO_DEFAULT_MODEL));
        return switch (String.valueOf(field("resolution").valueIn(body))) {
            case "1080p" -> prices[1];
            case "4k" -> prices[2];
            default -> prices[0];
        };
    }

    static String pricing(String model) {
        int[] p = CREDITS.get(model);
        return p[0] + " per clip at 720p, " + p[1] + " at 1080p, " + p[2] + " at 4k";
    }

    /** The model a body asks for (veo3_fast when left out). */
    static String model(JsonNode body) {
        return field("model").valueIn(body);
    }

    /** The resolution a body asks for (720p when left out). */
    static String resolution(JsonNode body) {
        return field("resolution").valueIn(body);
    }

    private static FieldRule field(String name) {
        for (FieldRule f : FIELDS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
