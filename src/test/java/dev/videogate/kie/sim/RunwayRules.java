package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The {@code runway/generate} body's rules and Runway's prices (kie-ai-models.md, "Runway: own endpoints"): prompt up
 * to 1800 characters, one optional start image as {@code imageUrl} (a URL string), duration 5 or 10, quality 720p or
 * 1080p (1080p only for 5 s), aspectRatio, waterMark, and a callBackUrl, which Runway requires. 12 credits for 5 s at
 * 720p, 30 otherwise. Runway takes no model id: its tasks are model "runway".
 */
final class RunwayRules {

    static final String MODEL = "runway";
    static final int MAX_PROMPT_LENGTH = 1800;

    static final List<FieldRule> FIELDS = List.of(
            FieldRule.text("prompt", 1, MAX_PROMPT_LENGTH).mandatory(),
            FieldRule.string("imageUrl"),
            FieldRule.integer("duration").mandatory(),
            FieldRule.choice("quality", "720p", "1080p").mandatory(),
            FieldRule.choice("aspectRatio", "16:9", "9:16", "1:1", "4:3", "3:4"),
            FieldRule.string("waterMark"),
            FieldRule.string("callBackUrl").mandatory());

    private RunwayRules() {
    }

    static String check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Request body must be a JSON object";
        }
        for (FieldRule field : FIELDS) {
            String problem = field.check(body);
            if (problem != null) {
                return problem;
            }
        }
        if (body.has("model")) {
            return "model is not a field of runway/generate";
        }
        int duration = body.get("duration").asInt();
        if (duration != 5 && duration != 10) {
            return "duration must be 5 or 10";
        }
        if ("1080p".equals(body.get("quality").asText()) && duration != 5) {
            return "quality 1080p is only available for 5 s videos";
        }
        JsonNode image = body.get("imageUrl");
        if (image != null && !image.isNull() && !FieldRule.isHttpUrl(image.asText())) {
            return "imageUrl must be an http(s) URL string";
        }
        return ModelRules.callBackUrlProblem(body);
    }

    /** 12 credits for 5 s at 720p, 30 for anything longer or sharper. */
    static int credits(JsonNode body) {
        boolean small = body != null && body.path("duration").asInt(5) == 5 && "720p".equals(body.path("quality").asText("720p"));
        return small ? 12 : 30;
    }
}
