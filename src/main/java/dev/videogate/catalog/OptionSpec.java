package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One option a caller may send for a model ("options": {name: value}): its kind, allowed values and default, and
 * the field it becomes in Kie.ai's request.
 *
 * @param values   allowed values of an enum option (as JSON: strings stay strings), empty otherwise
 * @param fallback the default when the caller leaves it out, or null (then it is not sent to Kie.ai)
 * @param min      least number of URLs (image-urls)
 * @param max      most number of URLs (image-urls)
 * @param kieField the field name in Kie.ai's request
 */
public record OptionSpec(String name, Kind kind, List<JsonNode> values, JsonNode fallback, boolean required, int min, int max,
                         String kieField) {

    public enum Kind {
        ENUM("enum"), BOOLEAN("boolean"), IMAGE_URLS("image-urls");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("type must be enum, boolean or image-urls, not '" + label + "'");
        }
    }

    public OptionSpec {
        values = List.copyOf(values);
    }

    /** Whether the caller's value is one this option takes (enum and boolean; URLs are checked by MediaUrls). */
    public boolean accepts(JsonNode value) {
        return switch (kind) {
            case ENUM -> values.contains(value);
            case BOOLEAN -> value.isBoolean();
            case IMAGE_URLS -> value.isArray();
        };
    }

    /** How the allowed values read in an error message: "10" or "15"; true or false. */
    public String describeValues() {
        return switch (kind) {
            case ENUM -> String.join(" or ", values.stream().map(JsonNode::toString).toList());
            case BOOLEAN -> "true or false";
            case IMAGE_URLS -> min + " to " + max + " https image URLs";
        };
    }
}
