package dev.videogate.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One model we sell, as the catalog file describes it.
 *
 * @param family   which Kie.ai endpoints do the work
 * @param live     what the catalog says of Kie.ai today (informational; runtime pauses are ModelAvailability's)
 * @param options  in the catalog's order
 * @param input    fixed fields always sent to Kie.ai
 */
public record CatalogModel(String name, String description, KieFamily family, String kieModel, boolean live, boolean enabled,
                           int promptMin, int promptMax, Map<String, OptionSpec> options, ObjectNode input, PriceRule price) {

    public CatalogModel {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
