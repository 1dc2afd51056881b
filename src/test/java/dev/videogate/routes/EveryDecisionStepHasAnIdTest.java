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
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every step that decides (bean, filter, choice, doTry) or leaves the route (to, toD) has an id: tests weave on
 * it, and logs, JMX and the tools name the step by it instead of a generated "bean12". Ids are kebab-case
 * {@code <concern>-<action>} and unique across all route files, so an id names one step.
 */
class EveryDecisionStepHasAnIdTest {

    private static final Set<String> NAMED_STEPS = Set.of("bean", "filter", "choice", "doTry", "to", "toD");
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

    @Test
    void everyDecisionAndOutboundStepHasAKebabCaseId() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> file : RouteFiles.all().entrySet()) {
            for (Step step : steps(file.getValue())) {
                if (step.id() == null) {
                    problems.add("routes/" + file.getKey() + " " + step.path() + ": " + step.kind() + " without an id");
                } else if (!KEBAB.matcher(step.id()).matches()) {
                    problems.add("routes/" + file.getKey() + " " + step.path() + ": id '" + step.id() + "' is not <concern>-<action>");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noTwoStepsOrRoutesShareAnId() {
        Map<String, List<String>> where = new TreeMap<>();
        for (Map.Entry<String, JsonNode> file : RouteFiles.all().entrySet()) {
            collectIds(file.getValue(), "routes/" + file.getKey() + " $", where);
        }
        List<String> shared = where.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " at " + e.getValue()).toList();
        assertTrue(shared.isEmpty(), String.join("\n", shared));
        assertTrue(where.size() > 100, "the walk found the ids: " + where.size());
    }

    /** The check bites: a bean step deep in a choice without an id, and a string-form to, are found where they are. */
    @Test
    void aStepWithoutIdIsFoundWhereverItSits() {
        JsonNode routes = RouteFiles.parse(new StringReader("""
                - route:
                    id: probe
                    from:
                      uri: direct:probe
                      steps:
                        - choice:
                            id: probe-choose
                            when:
                              - simple: "${body} == 1"
                                steps:
                                  - bean: {ref: x, method: y}
                            otherwise:
                              steps:
                                - to: direct:elsewhere
                """));
        List<String> missing = steps(routes).stream().filter(s -> s.id() == null)
                .map(s -> s.path() + " " + s.kind()).toList();
        assertEquals(List.of("$[0].route.from.steps[0].choice.when[0].steps[0] bean",
                "$[0].route.from.steps[0].choice.otherwise.steps[0] to"), missing);
    }

    record Step(String path, String kind, String id) {
    }

    /** Every named-kind step anywhere in the tree: route steps, when/otherwise branches, doCatch, onException. */
    static List<Step> steps(JsonNode routes) {
        List<Step> found = new ArrayList<>();
        walk(routes, "$", found);
        return found;
    }

    private static void walk(JsonNode node, String path, List<Step> found) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", found);
            }
        } else if (node.isObject()) {
            // a step is a one-key object in a steps list: {bean: {...}}; a string value is the short form (no id)
            if (path.endsWith("]") && node.size() == 1) {
                String kind = node.fieldNames().next();
                if (NAMED_STEPS.contains(kind)) {
                    JsonNode body = node.get(kind);
                    found.add(new Step(path, kind, body.isObject() && body.hasNonNull("id") ? body.get("id").asText() : null));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), path + "." + field.getKey(), found);
            }
        }
    }

    private static void collectIds(JsonNode node, String path, Map<String, List<String>> where) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectIds(node.get(i), path + "[" + i + "]", where);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("id") && field.getValue().isTextual()) {
                    where.computeIfAbsent(field.getValue().asText(), k -> new ArrayList<>()).add(path);
                } else {
                    collectIds(field.getValue(), path + "." + field.getKey(), where);
                }
            }
        }
    }
}
