package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One option a caller may send for a model ("options": {name: value}): its kind, allowed values and default, and
 * the field it becomes in Kie.ai's request.
 *
 * @param values   allowed values of an enum option (as JSON: strings stay strings), empty otherwise
 * @param fallback the default when the caller leaves it out, or null (then it is not sent to Kie.ai)
 * @param min      least number of URLs (image-urls), the least value (integer) or the fewest characters (text)
 * @param max      most number of URLs (image-urls), the greatest value (integer) or the most characters (text)
 * @param kieField the field name in Kie.ai's request
 * @param needs    another option that must be sent with this one (Seedance 2's last_frame_url needs first_frame_url),
 *                 or null
 */
public record OptionSpec(String name, Kind kind, List<JsonNode> values, JsonNode fallback, boolean required, int min, int max,
                         String kieField, String needs) {

    public enum Kind {
        ENUM("enum"), BOOLEAN("boolean"), IMAGE_URLS("image-urls"),
        /** a whole number from min to max, sent to Kie.ai as a JSON number */
        INTEGER("integer"),
        /** one https URL, sent to Kie.ai as a string (not a list): Seedance 2's first_frame_url */
        IMAGE_URL("image-url"),
        /** free text of min to max characters: Wan 2.7's negative_prompt */
        TEXT("text");

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
            throw new IllegalArgumentException("type must be enum, boolean, integer, text, image-urls or image-url, not '" + label + "'");
        }
    }

    public OptionSpec {
        values = List.copyOf(values);
    }

    /**
     * Whether the caller's value is one this option takes (enum, boolean and integer; URLs are checked by MediaUrls).
     * An integer is a JSON whole number: 5, not "5" nor 5.0.
     */
    public boolean accepts(JsonNode value) {
        return switch (kind) {
            case ENUM -> values.contains(value);
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= min && value.intValue() <= max;
            case IMAGE_URLS -> value.isArray();
            case IMAGE_URL -> value.isTextual();
            case TEXT -> value.isTextual() && !value.asText().isBlank()
                    && value.asText().codePointCount(0, value.asText().length()) >= min
                    && value.asText().codePointCount(0, value.asText().length()) <= max;
        };
    }

    /** How the allowed values read in an error message: "10" or "15"; true or false; a whole number from 4 to 15. */
    public String describeValues() {
        return switch (kind) {
            case ENUM -> String.join(" or ", values.stream().map(JsonNode::toString).toList());
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number from " + min + " to " + max;
            case IMAGE_URLS -> min + " to " + max + " https image URLs";
            case IMAGE_URL -> "one https image URL (a string)";
            case TEXT -> "a text of " + Math.max(1, min) + " to " + max + " characters";
        };
    }
}
