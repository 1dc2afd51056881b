package dev.videogate.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import java.util.Iterator;
import java.util.Set;
import org.apache.camel.Body;

/**
 * Reads and checks the body of POST /api/generate (the seed's contract), filling the seed's defaults.
 * The result is the {@link Generation}, ready for the SQL insert and the Kie.ai request.
 */
public class GenerateRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPTION_NAMES = Set.of("aspect_ratio", "n_frames", "remove_watermark");

    private final ModelCatalog catalog;
    private final int maxPromptLength;

    public GenerateRequests(ModelCatalog catalog, int maxPromptLength) {
        this.catalog = catalog;
        this.maxPromptLength = maxPromptLength;
    }

    public Generation parse(@Body String body) {
        JsonNode root = readObject(body);
        ModelCatalog.Model model = model(root.get("model"));
        String prompt = prompt(root.get("prompt"));
        String type = type(root.get("type"));
        ObjectNode options = options(root.get("options"));

        return new Generation(GenerationIds.next(), model.name(), model.kieModel(), type, prompt,
                options.get("aspect_ratio").asText(), options.get("n_frames").asText(), options.get("remove_watermark").asBoolean(),
                model.priceUsd());
    }

    private static JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("invalid_json", "The request body must be a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // no location for limit breaches (e.g. nesting deeper than the parser allows)
            throw ApiException.badRequest("invalid_json", "The request body is not valid JSON" + (e.getLocation() == null
                    ? " (it breaks a parser limit: nested too deep or too long)"
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_json", "The request body must be a JSON object");
        }
        return root;
    }

    private ModelCatalog.Model model(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "model is required (one of: " + catalog.names() + ")");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "model must be a string (one of: " + catalog.names() + ")");
        }
        ModelCatalog.Model model = catalog.find(node.asText()).orElseThrow(() -> ApiException.badRequest(
                "unknown_model", "model '" + abbreviate(node.asText()) + "' is not sold here (one of: " + catalog.names() + ")"));
        if (!model.enabled()) {
            throw new ApiException(503, "model_unavailable", "model '" + model.name()
                    + "' is not available right now; nothing was charged", 3600);
        }
        return model;
    }

    private String prompt(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "prompt is required");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "prompt must be a string");
        }
        String prompt = node.asText();
        if (prompt.isBlank()) {
            throw ApiException.badRequest("invalid_field", "prompt must not be empty");
        }
        int length = prompt.codePointCount(0, prompt.length());
        if (length > maxPromptLength) {
            throw ApiException.badRequest("invalid_field", "prompt is " + length + " characters long; the limit is " + maxPromptLength);
        }
        return prompt;
    }

    private static String type(JsonNode node) {
        if (node == null || node.isNull()) {
            return "video";
        }
        if (!node.isTextual() || !node.asText().equals("video")) {
            throw ApiException.badRequest("invalid_field", "type must be \"video\"");
        }
        return "video";
    }

    private static ObjectNode options(JsonNode node) {
        ObjectNode options = JSON.createObjectNode();
        options.put("aspect_ratio", "landscape");
        options.put("n_frames", "10");
        options.put("remove_watermark", true);
        if (node == null || node.isNull()) {
            return options;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("invalid_field", "options must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OPTION_NAMES.contains(name)) {
                throw ApiException.badRequest("invalid_field", "options." + abbreviate(name)
                        + " is not a known option (aspect_ratio, n_frames, remove_watermark)");
            }
        }
        JsonNode aspect = node.get("aspect_ratio");
        if (aspect != null && !aspect.isNull()) {
            if (!aspect.isTextual() || !(aspect.asText().equals("landscape") || aspect.asText().equals("portrait"))) {
                throw ApiException.badRequest("invalid_field", "options.aspect_ratio must be \"landscape\" or \"portrait\"");
            }
            options.put("aspect_ratio", aspect.asText());
        }
        JsonNode frames = node.get("n_frames");
        if (frames != null && !frames.isNull()) {
            if (!frames.isTextual() || !(frames.asText().equals("10") || frames.asText().equals("15"))) {
                throw ApiException.badRequest("invalid_field", "options.n_frames must be the string \"10\" or \"15\"");
            }
            options.put("n_frames", frames.asText());
        }
        JsonNode watermark = node.get("remove_watermark");
        if (watermark != null && !watermark.isNull()) {
            if (!watermark.isBoolean()) {
                throw ApiException.badRequest("invalid_field", "options.remove_watermark must be true or false");
            }
            options.put("remove_watermark", watermark.asBoolean());
        }
        return options;
    }

    /** Echo at most a short, printable piece of caller input in error messages. */
    private static String abbreviate(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
