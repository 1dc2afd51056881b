package dev.videogate.generation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelAvailability;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.http.JsonAnswers;

/**
 * The models a caller can buy instead of one that cannot be sold now (enabled, live per the catalog, not paused by
 * Kie.ai), put in the refusal's body as "alternatives": the same list whether the refusal came before payment or
 * from Kie.ai's own "paused" answer.
 */
public final class ModelAlternatives {

    private final ModelCatalog catalog;
    private final ModelAvailability availability;

    public ModelAlternatives(ModelCatalog catalog, ModelAvailability availability) {
        this.catalog = catalog;
        this.availability = availability;
    }

    /** The refusal, its body now carrying the alternatives to {@code refusedModel}. */
    public ApiException withAlternatives(ApiException refusal, String refusedModel) {
        ObjectNode body = JsonAnswers.errorBody(refusal.code(), refusal.getMessage());
        ArrayNode alternatives = body.putArray("alternatives");
        for (CatalogModel other : catalog.all()) {
            if (!other.name().equals(refusedModel) && other.enabled() && other.live()
                    && availability.pausedUntil(other.name()).isEmpty()) {
                alternatives.addObject().put("model", other.name()).put("description", other.description())
                        .put("fromPriceUsd", other.price().quote(GenerateRequests.defaults(other)).totalUsd().toPlainString());
            }
        }
        return refusal.withBody(body);
    }
}
