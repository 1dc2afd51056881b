package dev.videogate.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelAvailability;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.catalog.OptionSpec;
import dev.videogate.catalog.PriceRule;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;

/**
 * Reads and checks the body of POST /api/generate against the model catalog ({"model", "prompt", "type", "options"};
 * the seed's contract for sora-2), fills each option's default, prices exactly what was asked, and maps it onto the
 * model's Kie.ai request. Everything a caller can get wrong is refused here, before payment.
 */
public class GenerateRequests {

    private static final List<String> FIELDS = List.of("model", "prompt", "type", "options", "webhookUrl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelCatalog catalog;
    private final ModelAvailability availability;
    private final MediaUrls mediaUrls;
    private final int maxPromptLength;
    private volatile dev.videogate.webhook.Webhooks webhooks;

    /** Webhooks out (set once at start): checks a request's webhookUrl. */
    public void setWebhooks(dev.videogate.webhook.Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    public GenerateRequests(ModelCatalog catalog, ModelAvailability availability, MediaUrls mediaUrls, int maxPromptLength) {
        this.catalog = catalog;
        this.availability = availability;
        this.mediaUrls = mediaUrls;
        this.maxPromptLength = maxPromptLength;
    }

    /** The generation's id, which every log line of the request carries from then on (logging/GenerationIdInLogs). */
    public String idOf(@org.apache.camel.Variable("generation") Generation generation) {
        return generation.generationId();
    }

    public Generation parse(@Body String body) {
        JsonNode root = readObject(body);
        refuseUnknownFields(root);
        CatalogModel model = model(root.get("model"));
        String prompt = prompt(root.get("prompt"), model);
        String type = type(root.get("type"));
        ObjectNode options = options(root.get("options"), model);
        String webhookUrl = webhookUrl(root.get("webhookUrl"));
        PriceRule.Quote quote = model.price().quote(options);
        return new Generation(GenerationIds.next(), model.name(), model.kieModel(), model.family().id(), type, prompt,
                options.toString(), kieInput(model, options).toString(), quote.totalUsd(), quote.breakdown().toString(),
                "AI video generation (" + model.name() + "): " + model.description(), webhookUrl);
    }

    /** The body's own fields; a misspelt or foreign one (say "aspect_ratio" outside options) is 400, never ignored. */
    private static void refuseUnknownFields(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("invalid_field",
                        "'" + abbreviate(name) + "' is not a field of this request (" + String.join(", ", FIELDS) + "; a model's options go in options)");
            }
        }
    }

    /** Where to be called back when it ends (optional), checked like any caller-given URL before payment. */
    private String webhookUrl(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "webhookUrl must be a string (an https URL)");
        }
        if (webhooks == null) {
            throw ApiException.badRequest("invalid_field", "webhookUrl: this gateway does not send webhooks");
        }
        return webhooks.checkRequested(node.asText());
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

    private CatalogModel model(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing_field", "model is required (one of: " + catalog.names() + "; see GET /api/models)");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "model must be a string (one of: " + catalog.names() + ")");
        }
        CatalogModel model = catalog.find(node.asText()).orElseThrow(() -> ApiException.badRequest(
                "unknown_model", "model '" + abbreviate(node.asText()) + "' is not sold here (one of: " + catalog.names() + ")"));
        if (!model.enabled()) {
            throw unavailable(503, "model_unavailable", "model '" + model.name() + "' is not available right now; nothing was charged",
                    3600, model);
        }
        Optional<Instant> paused = availability.pausedUntil(model.name());
        if (paused.isPresent()) {
            throw unavailable(503, "model_paused", "Kie.ai has paused model '" + model.name() + "' (\"This interface is temporarily"
                    + " paused\"); it is refused until " + paused.get() + " so nobody pays for it. Nothing was charged",
                    (int) Math.min(Integer.MAX_VALUE, availability.secondsLeft(paused.get())), model);
        }
        return model;
    }

    /** 503 naming the models a caller can buy instead (ModelAlternatives). */
    private ApiException unavailable(int status, String code, String message, int retryAfter, CatalogModel refused) {
        return new ModelAlternatives(catalog, availability).withAlternatives(new ApiException(status, code, message, retryAfter), refused.name());
    }

    private String prompt(JsonNode node, CatalogModel model) {
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
        int max = Math.min(maxPromptLength, model.promptMax());
        if (length > max) {
            throw ApiException.badRequest("invalid_field", "prompt is " + length + " characters long; " + model.name() + " takes at most " + max);
        }
        if (length < model.promptMin()) {
            throw ApiException.badRequest("invalid_field", "prompt is " + length + " characters long; " + model.name() + " needs at least "
                    + model.promptMin());
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

    /** The caller's options, each checked against the model's catalog entry, with the defaults filled in. */
    private ObjectNode options(JsonNode node, CatalogModel model) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw ApiException.badRequest("invalid_field", "options must be a JSON object");
        }
        if (node != null && node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!model.options().containsKey(name)) {
                    throw ApiException.badRequest("invalid_field", "options." + abbreviate(name) + " is not an option of " + model.name()
                            + " (" + String.join(", ", model.options().keySet()) + ")");
                }
            }
        }
        ObjectNode options = JSON.createObjectNode();
        for (OptionSpec option : model.options().values()) {
            JsonNode given = node == null || node.isNull() ? null : node.get(option.name());
            if (given == null || given.isNull()) {
                if (option.required()) {
                    throw ApiException.badRequest("missing_field", "options." + option.name() + " is required for " + model.name()
                            + " (" + option.describeValues() + ")");
                }
                if (option.fallback() != null) {
                    options.set(option.name(), option.fallback());
                }
                continue;
            }
            if (option.kind() == OptionSpec.Kind.IMAGE_URLS) {
                ArrayNode urls = options.putArray(option.name());
                mediaUrls.check("options." + option.name(), given, option.min(), option.max()).forEach(urls::add);
            } else if (option.kind() == OptionSpec.Kind.IMAGE_URL) {
                options.put(option.name(), mediaUrls.checkOne("options." + option.name(), given));
            } else if (!option.accepts(given)) {
                throw ApiException.badRequest("invalid_field", "options." + option.name() + " must be " + option.describeValues()
                        + " for " + model.name());
            } else {
                options.set(option.name(), given);
            }
        }
        for (OptionSpec option : model.options().values()) {
            if (option.needs() != null && given(node, option.name()) && !given(node, option.needs())) {
                throw ApiException.badRequest("missing_field", "options." + option.name() + " needs options." + option.needs()
                        + " for " + model.name());
            }
        }
        return options;
    }

    private static boolean given(JsonNode options, String name) {
        return options != null && options.isObject() && options.hasNonNull(name);
    }

    /**
     * The model's part of Kie.ai's request: its fixed input, then each option under its Kie.ai field name (an image
     * option as one URL string when the model's family takes one image that way).
     */
    static ObjectNode kieInput(CatalogModel model, ObjectNode options) {
        ObjectNode input = model.input().deepCopy();
        for (OptionSpec option : model.options().values()) {
            if (options.has(option.name())) {
                JsonNode value = options.get(option.name());
                boolean oneUrl = option.kind() == OptionSpec.Kind.IMAGE_URLS && model.family().create().oneImageUrl();
                input.set(option.kieField(), oneUrl && value.isArray() && value.size() == 1 ? value.get(0) : value);
            }
        }
        return input;
    }

    /** A model's options at their defaults: its cheapest-to-describe request ("from" prices). */
    public static ObjectNode defaults(CatalogModel model) {
        ObjectNode options = JSON.createObjectNode();
        model.options().values().stream().filter(o -> o.fallback() != null).forEach(o -> options.set(o.name(), o.fallback()));
        return options;
    }

    /** Echo at most a short, printable piece of caller input in error messages. */
    private static String abbreviate(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
