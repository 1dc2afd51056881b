package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One documented field of a Kie.ai request: its name, its kind, whether it is required, its bounds or allowed
 * values, and the value Kie.ai assumes when it is left out. {@link #check} answers the 422 message Kie.ai would give
 * for a bad value, naming the field, or {@code null}.
 *
 * <p>A JSON {@code null} counts as "left out", as for Kie.ai. Fields a rule table does not list are not looked at
 * (Kie.ai ignores extras).
 *
 * @param name         the JSON name
 * @param kind         what the value must be
 * @param required     whether leaving it out is an error
 * @param min          TEXT: fewest characters; URLS: fewest entries; INTEGER: least value
 * @param max          TEXT: most characters; URLS: most entries; INTEGER: greatest value
 * @param allowed      CHOICE: the allowed strings, in the order messages show them
 * @param defaultValue the value assumed when left out (as text: "10", "720p", "false"), or {@code null}
 */
record FieldRule(String name, Kind kind, boolean required, int min, int max, List<String> allowed,
                 String defaultValue) {

    enum Kind {
        /** a non-blank string of {@code min..max} characters (Unicode code points) */
        TEXT,
        /** a string out of {@code allowed} (a number is not the string "10") */
        CHOICE,
        /** a JSON boolean */
        FLAG,
        /** an array of {@code min..max} http(s) URL strings */
        URLS,
        /** a JSON integer from {@code min} to {@code max} (5, not "5" nor 5.0) */
        INTEGER,
        /** one http(s) URL as a string (Seedance 2's first_frame_url) */
        URL,
        /** any string */
        STRING
    }

    static FieldRule text(String name, int min, int max) {
        return new FieldRule(name, Kind.TEXT, false, min, max, List.of(), null);
    }

    static FieldRule choice(String name, String... allowed) {
        return new FieldRule(name, Kind.CHOICE, false, 0, 0, List.of(allowed), null);
    }

    static FieldRule flag(String name) {
        return new FieldRule(name, Kind.FLAG, false, 0, 0, List.of(), null);
    }

    static FieldRule urls(String name, int min, int max) {
        return new FieldRule(name, Kind.URLS, false, min, max, List.of(), null);
    }

    static FieldRule integer(String name) {
        return integer(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}: Seedance 2's duration 4..15. */
    static FieldRule integer(String name, int min, int max) {
        return new FieldRule(name, Kind.INTEGER, false, min, max, List.of(), null);
    }

    static FieldRule url(String name) {
        return new FieldRule(name, Kind.URL, false, 0, 0, List.of(), null);
    }

    static FieldRule string(String name) {
        return new FieldRule(name, Kind.STRING, false, 0, 0, List.of(), null);
    }

    /** The same field, required. */
    FieldRule mandatory() {
        return new FieldRule(name, kind, true, min, max, allowed, defaultValue);
    }

    /** The same field, with the value Kie.ai assumes when it is left out. */
    FieldRule defaultsTo(String value) {
        return new FieldRule(name, kind, required, min, max, allowed, value);
    }

    /** The same field with other allowed entry counts (URLS) or lengths (TEXT). */
    FieldRule sized(int newMin, int newMax) {
        return new FieldRule(name, kind, required, newMin, newMax, allowed, defaultValue);
    }

    /** The 422 message for this field of {@code container}, or {@code null} when the value (or its absence) is fine. */
    String check(JsonNode container) {
        JsonNode value = container == null ? null : container.get(name);
        if (value == null || value.isNull()) {
            return required ? name + " is required" : null;
        }
        switch (kind) {
            case TEXT -> {
                if (!value.isTextual()) {
                    return name + " must be a string";
                }
                String text = value.asText();
                if (text.isBlank()) {
                    return name + " cannot be empty";
                }
                int length = text.codePointCount(0, text.length());
                if (length > max) {
                    return name + " is too long: at most " + max + " characters";
                }
                if (length < min) {
                    return name + " is too short: at least " + min + " characters";
                }
                return null;
            }
            case CHOICE -> {
                return value.isTextual() && allowed.contains(value.asText()) ? null
                        : name + " must be one of: " + allowedShown();
            }
            case FLAG -> {
                return value.isBoolean() ? null : name + " must be true or false";
            }
            case URLS -> {
                if (!value.isArray()) {
                    return name + " must be an array of URL strings";
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode url = value.get(i);
                    if (!url.isTextual() || !isHttpUrl(url.asText())) {
                        return name + "[" + i + "] must be an http(s) URL string";
                    }
                }
                return value.size() >= min && value.size() <= max ? null : countMessage(value.size());
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    return name + " must be an integer";
                }
                return value.intValue() >= min && value.intValue() <= max ? null
                        : name + " must be between " + min + " and " + max;
            }
            case URL -> {
                return value.isTextual() && isHttpUrl(value.asText()) ? null : name + " must be an http(s) URL string";
            }
            case STRING -> {
                return value.isTextual() ? null : name + " must be a string";
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /** The field's value in {@code container} as text, or its default when left out (may be {@code null}). */
    String valueIn(JsonNode container) {
        JsonNode value = container == null ? null : container.get(name);
        return value == null || value.isNull() ? defaultValue : value.asText();
    }

    /** "duration: one of "5", "10"; required" and the like, for people reading a rule. */
    String describe() {
        String what = switch (kind) {
            case TEXT -> "text of " + min + ".." + max + " characters";
            case CHOICE -> "one of " + allowedShown();
            case FLAG -> "true or false";
            case URLS -> min == max ? "exactly " + min + " URL" + (min == 1 ? "" : "s")
                    : max == Integer.MAX_VALUE ? "at least " + min + " URLs" : min + ".." + max + " URLs";
            case INTEGER -> min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? "an integer"
                    : "an integer from " + min + " to " + max;
            case URL -> "an http(s) URL";
            case STRING -> "a string";
        };
        return name + ": " + what + (required ? "; required" : "")
                + (defaultValue != null ? "; default " + defaultValue : "");
    }

    String countMessage(int given) {
        String urls = max == 1 ? "URL" : "URLs";
        String bound = min == max ? "exactly " + min : min == 0 ? "at most " + max
                : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
        return name + " must hold " + bound + " " + urls + " (got " + given + ")";
    }

    /** Allowed values as messages show them: strings that look like numbers are quoted ("10"), others not. */
    private String allowedShown() {
        return allowed.stream()
                .map(v -> !v.isEmpty() && v.chars().allMatch(Character::isDigit) ? "\"" + v + "\"" : v)
                .collect(Collectors.joining(", "));
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
