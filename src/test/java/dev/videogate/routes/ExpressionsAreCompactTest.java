package dev.videogate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.RouteFiles;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Expressions are written in Camel's compact form, {@code simple: "${body} != null"} on the step, not
 * {@code expression: {simple: {expression: ...}}}: three lines instead of one for every condition, and the
 * condition is what a reader of the flow looks for.
 */
class ExpressionsAreCompactTest {

    private static final Set<String> LANGUAGES = Set.of("simple", "constant", "method", "variable", "header",
            "exchangeProperty", "jsonpath", "groovy", "jq", "ref", "tokenize", "xpath", "csimple", "java");

    @Test
    void noRouteFileWrapsAnExpression() {
        List<String> wrapped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> file : RouteFiles.all().entrySet()) {
            for (String path : wrapped(file.getValue())) {
                wrapped.add("routes/" + file.getKey() + " " + path);
            }
        }
        assertTrue(wrapped.isEmpty(), "write these as <language>: \"...\" on the step:\n" + String.join("\n", wrapped));
    }

    /** The check bites: both long forms are found; a language with options (resultType) may keep its object. */
    @Test
    void theLongFormsAreFound() {
        JsonNode routes = RouteFiles.parse(new StringReader("""
                - route:
                    from:
                      uri: direct:probe
                      steps:
                        - filter:
                            expression: {simple: {expression: "${body} != null"}}
                        - setHeader:
                            name: a
                            constant: {expression: "1"}
                        - setHeader:
                            name: b
                            simple: {expression: "${body}", resultType: java.lang.Integer}
                """));
        assertEquals(List.of("$[0].route.from.steps[0].filter.expression",
                "$[0].route.from.steps[0].filter.expression.simple",
                "$[0].route.from.steps[1].setHeader.constant"), wrapped(routes));
    }

    private static List<String> wrapped(JsonNode routes) {
        List<String> found = new ArrayList<>();
        walk(routes, "$", found);
        return found;
    }

    private static void walk(JsonNode node, String path, List<String> found) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            JsonNode value = field.getValue();
            // expression: {language: ...} -> the language key on the step itself
            boolean wrapper = field.getKey().equals("expression") && value.isObject();
            // language: {expression: x} and nothing else -> language: x
            boolean longLanguage = LANGUAGES.contains(field.getKey()) && value.isObject() && value.size() == 1
                    && value.has("expression");
            if (wrapper || longLanguage) {
                found.add(at);
            }
            walk(value, at, found);
        }
    }
}
