package dev.videogate.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.catalog.OptionSpec;
import dev.videogate.generation.GenerateRequests;

/**
 * x402 v2 discovery metadata for a model, as the official Bazaar extension describes it: {@code extensions.bazaar}
 * in the 402 challenge with {@code info} (an example request body and answer) and {@code schema} (a JSON Schema of
 * both, the request body's made from the catalog: the model's options, their values, defaults and bounds). A
 * facilitator that catalogs resources, or an agent reading the 402, learns how to call and what comes back.
 */
public final class BazaarDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE_PROMPT = "A lantern festival over a river at dusk, slow camera pan";

    private final ModelCatalog catalog;

    public BazaarDiscovery(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code {"bazaar": {info, schema}}} for the model, or null when it is not in the catalog. */
    public ObjectNode extensionsFor(String modelName) {
        CatalogModel model = catalog.find(modelName).orElse(null);
        if (model == null) {
            return null;
        }
        ObjectNode extensions = JSON.createObjectNode();
        ObjectNode bazaar = extensions.putObject("bazaar");
        ObjectNode info = bazaar.putObject("info");
        ObjectNode input = info.putObject("input");
        input.put("type", "http");
        input.put("method", "POST");
        input.put("bodyType", "json");
        input.set("body", exampleBody(model));
        ObjectNode output = info.putObject("output");
        output.put("type", "json");
        output.set("example", exampleAnswer(model));
        bazaar.set("schema", schema(model));
        return extensions;
    }

    /** The request body's JSON Schema, from the catalog entry. */
    public static ObjectNode bodySchema(CatalogModel model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "object");
        ObjectNode properties = body.putObject("properties");
        properties.putObject("model").put("type", "string").put("const", model.name()).put("description", model.description());
        properties.putObject("prompt").put("type", "string").put("minLength", model.promptMin()).put("maxLength", model.promptMax());
        properties.putObject("type").put("type", "string").put("const", "video");
        properties.putObject("webhookUrl").put("type", "string").put("format", "uri").put("pattern", "^https://")
                .put("description", "Optional: POSTed the status answer when the generation ends (Standard Webhooks signature)");
        ObjectNode options = properties.putObject("options");
        options.put("type", "object");
        options.put("additionalProperties", false);
        ObjectNode optionProperties = options.putObject("properties");
        ArrayNode requiredOptions = JSON.createArrayNode();
        for (OptionSpec option : model.options().values()) {
            ObjectNode o = optionProperties.putObject(option.name());
            switch (option.kind()) {
                case ENUM -> {
                    enumType(o, option);
                    option.values().forEach(o.putArray("enum")::add);
                }
                case BOOLEAN -> o.put("type", "boolean");
                case INTEGER -> o.put("type", "integer").put("minimum", option.min()).put("maximum", option.max());
                case IMAGE_URL -> o.put("type", "string").put("format", "uri").put("pattern", "^https://");
                case TEXT -> o.put("type", "string").put("minLength", Math.max(1, option.min())).put("maxLength", option.max());
                case IMAGE_URLS -> {
                    o.put("type", "array").put("minItems", option.min()).put("maxItems", option.max());
                    o.putObject("items").put("type", "string").put("format", "uri").put("pattern", "^https://");
                }
            }
            if (option.fallback() != null) {
                o.set("default", option.fallback());
            }
            if (option.required()) {
                requiredOptions.add(option.name());
            }
        }
        if (!requiredOptions.isEmpty()) {
            options.set("required", requiredOptions);
        }
        // an option sent only with another (Seedance 2's last_frame_url needs first_frame_url)
        ObjectNode dependent = JSON.createObjectNode();
        model.options().values().stream().filter(o -> o.needs() != null).forEach(o -> dependent.putArray(o.name()).add(o.needs()));
        if (!dependent.isEmpty()) {
            options.set("dependentRequired", dependent);
        }
        ArrayNode required = body.putArray("required").add("model").add("prompt");
        if (!requiredOptions.isEmpty()) {
            required.add("options");
        }
        return body;
    }

    private static ObjectNode schema(CatalogModel model) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode input = properties.putObject("input");
        input.put("type", "object");
        ObjectNode inputProperties = input.putObject("properties");
        inputProperties.putObject("type").put("type", "string").put("const", "http");
        inputProperties.putObject("method").put("type", "string").putArray("enum").add("POST");
        inputProperties.putObject("bodyType").put("type", "string").putArray("enum").add("json");
        inputProperties.set("body", bodySchema(model));
        input.putArray("required").add("type").add("method").add("bodyType").add("body");
        input.put("additionalProperties", false);
        ObjectNode output = properties.putObject("output");
        output.put("type", "object");
        ObjectNode outputProperties = output.putObject("properties");
        outputProperties.putObject("type").put("type", "string");
        ObjectNode example = outputProperties.putObject("example");
        example.put("type", "object");
        ObjectNode answer = example.putObject("properties");
        answer.putObject("generationId").put("type", "string");
        answer.putObject("kieTaskId").putArray("type").add("string").add("null");
        answer.putObject("price").put("type", "number");
        answer.putObject("state").put("type", "string");
        answer.putObject("statusUrl").put("type", "string");
        answer.putObject("accessToken").put("type", "string")
                .put("description", "GET statusUrl with Authorization: Bearer <accessToken> reads the result");
        output.putArray("required").add("type");
        schema.putArray("required").add("input");
        return schema;
    }

    private static ObjectNode exampleBody(CatalogModel model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.name());
        body.put("prompt", EXAMPLE_PROMPT.length() <= model.promptMax() ? EXAMPLE_PROMPT : EXAMPLE_PROMPT.substring(0, model.promptMax()));
        body.put("type", "video");
        ObjectNode options = GenerateRequests.defaults(model);
        model.options().values().stream().filter(o -> o.kind() == OptionSpec.Kind.IMAGE_URLS && o.required())
                .forEach(o -> options.putArray(o.name()).add("https://example.com/first-frame.png"));
        body.set("options", options);
        return body;
    }

    private static ObjectNode exampleAnswer(CatalogModel model) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("paymentRequired", false);
        answer.put("price", model.price().quote(GenerateRequests.defaults(model)).totalUsd());
        answer.put("model", model.name());
        answer.put("generationId", "gen_1796000000000_k3x9exampleid00000000");
        answer.put("kieTaskId", "9f2c0e4b1d7a4c6e8b3f5a7d9c1e2f4a");
        answer.put("state", "processing");
        answer.put("statusUrl", "/api/generate/gen_1796000000000_k3x9exampleid00000000");
        answer.put("accessToken", "<token>");
        return answer;
    }

    /** The JSON type of an enum's values (5 and 10 are integers, "16:9" a string): typed clients need it. */
    private static void enumType(ObjectNode schema, OptionSpec option) {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode value : option.values()) {
            types.add(value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "string");
        }
        if (types.size() == 1) {
            schema.put("type", types.iterator().next());
        } else {
            types.forEach(schema.putArray("type")::add);
        }
    }
}
