package dev.videogate.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelAvailability;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.catalog.OptionSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * GET /api/models: every model on sale with its options, defaults, price rule and state, so an agent can choose and
 * know the price before it asks (the 402 challenge then names exactly that price).
 */
public class ModelListing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelCatalog catalog;
    private final ModelAvailability availability;
    private final int maxPromptLength;
    private final dev.videogate.queue.CreateQueue queue;

    /** @param maxPromptLength app.request.max-prompt-length: no prompt longer is taken, whatever the model takes */
    public ModelListing(ModelCatalog catalog, ModelAvailability availability, int maxPromptLength,
                        dev.videogate.queue.CreateQueue queue) {
        this.queue = queue;
        this.catalog = catalog;
        this.availability = availability;
        this.maxPromptLength = maxPromptLength;
    }

    public String list() {
        ObjectNode body = JSON.createObjectNode();
        body.put("currency", "USDC");
        // Kie.ai's create queue (one create budget for every model): how many wait, what a request sent now would wait
        queue.describe(body.putObject("createQueue"), null);
        ArrayNode models = body.putArray("models");
        for (CatalogModel model : catalog.all()) {
            ObjectNode entry = models.addObject();
            entry.put("model", model.name());
            entry.put("description", model.description());
            Optional<Instant> paused = availability.pausedUntil(model.name());
            // state: what a caller will meet now. available = sold and not known to be paused.
            // upstreamLive: whether Kie.ai serves the model now, as far as this bundle knows: false when Kie.ai itself
            // answered "temporarily paused" within app.models.pause-ms (upstreamLiveSource kie), or when the catalog
            // says it is paused or closed upstream (live: false; source catalog: a request will most likely be refused)
            entry.put("state", !model.enabled() ? "disabled" : paused.isPresent() ? "paused" : "available");
            if (paused.isPresent()) {
                entry.put("pausedUntil", paused.get().toString());
            }
            entry.put("upstreamLive", model.live() && paused.isEmpty());
            entry.put("upstreamLiveSource", paused.isPresent() ? "kie" : "catalog");
            entry.put("kieModel", model.kieModel());
            entry.put("kieFamily", model.family().id());
            ObjectNode prompt = entry.putObject("prompt");
            prompt.put("minLength", model.promptMin());
            // what this bundle takes (GenerateRequests refuses longer); upstreamMaxLength is Kie.ai's own bound when larger
            prompt.put("maxLength", Math.min(maxPromptLength, model.promptMax()));
            if (model.promptMax() > maxPromptLength) {
                prompt.put("upstreamMaxLength", model.promptMax());
            }
            ObjectNode options = entry.putObject("options");
            for (OptionSpec option : model.options().values()) {
                ObjectNode o = options.putObject(option.name());
                o.put("type", option.kind().label());
                if (option.kind() == OptionSpec.Kind.ENUM) {
                    option.values().forEach(o.putArray("values")::add);
                }
                if (option.kind() == OptionSpec.Kind.TEXT) {
                    o.put("minLength", Math.max(1, option.min()));
                    o.put("maxLength", option.max());
                }
                if (option.kind() == OptionSpec.Kind.INTEGER) {
                    o.put("minimum", option.min());
                    o.put("maximum", option.max());
                }
                if (option.kind() == OptionSpec.Kind.IMAGE_URLS) {
                    o.put("minCount", option.min());
                    o.put("maxCount", option.max());
                }
                o.put("required", option.required());
                if (option.needs() != null) {
                    o.put("needs", option.needs());
                }
                if (option.fallback() != null) {
                    o.set("default", option.fallback());
                }
            }
            entry.set("price", model.price().describe());
            ObjectNode defaults = GenerateRequests.defaults(model);
            entry.put("defaultPriceUsd", model.price().quote(defaults).totalUsd().toPlainString());
            queue.describe(entry.putObject("queue"), model.name());
        }
        return body.toString();
    }
}
