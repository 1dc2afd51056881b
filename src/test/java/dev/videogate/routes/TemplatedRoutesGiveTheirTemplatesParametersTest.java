package dev.videogate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.RouteFiles;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every templatedRoute, in routes/ and in the examples of docs/change-the-flow.md, names a template of
 * routes/02-templates.yaml, gives each parameter that has no default, and no parameter the template does not have
 * (Camel would start with a misspelt optional one and quietly use the default).
 */
class TemplatedRoutesGiveTheirTemplatesParametersTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\R(.*?)```", Pattern.DOTALL);
    private static final String DOC_SECTION = "## Route templates";

    @Test
    void everyUseFitsItsTemplate() throws Exception {
        Map<String, Map<String, Boolean>> templates = templates();
        assertEquals(Set.of("upstream-call", "quartz-claim-split"), templates.keySet());
        List<String> problems = new ArrayList<>();
        int uses = 0;
        for (Map.Entry<String, JsonNode> file : RouteFiles.all().entrySet()) {
            uses += check("routes/" + file.getKey(), file.getValue(), templates, problems);
        }
        assertEquals(11, uses, "kie-call, facilitator-call, facilitator-supported-call, balance-rpc-call, chain-call; status-poller,"
                + " create-queue, payment-reconciler, webhook-sender, copy-outbox, copy-cleanup");
        int documented = 0;
        for (String block : docBlocks()) {
            documented += check("docs/change-the-flow.md", RouteFiles.parse(new StringReader(block)), templates, problems);
        }
        assertEquals(2, documented, "the page's two examples");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The check bites: a missing required parameter and a misspelt one are both reported. */
    @Test
    void aMissingAndAnUnknownParameterAreReported() throws Exception {
        List<String> problems = new ArrayList<>();
        check("probe", RouteFiles.parse(new StringReader("""
                - templatedRoute:
                    routeTemplateRef: upstream-call
                    routeId: probe-call
                    parameters:
                      - {name: endpoint, value: probe-call}
                      - {name: authorisation, value: "Bearer x"}
                """)), templates(), problems);
        assertEquals(List.of("probe probe-call: no value for uri", "probe probe-call: upstream-call has no parameter authorisation"),
                problems);
    }

    /** template id -> parameter name -> whether it must be given (no defaultValue). */
    private static Map<String, Map<String, Boolean>> templates() {
        Map<String, Map<String, Boolean>> templates = new TreeMap<>();
        for (JsonNode entry : RouteFiles.all().get("02-templates.yaml")) {
            JsonNode template = entry.path("routeTemplate");
            Map<String, Boolean> parameters = new TreeMap<>();
            for (JsonNode parameter : template.path("parameters")) {
                assertTrue(parameter.path("description").isTextual(), "described: " + parameter);
                parameters.put(parameter.path("name").asText(), !parameter.has("defaultValue"));
            }
            templates.put(template.path("id").asText(), parameters);
        }
        return templates;
    }

    private static int check(String where, JsonNode entries, Map<String, Map<String, Boolean>> templates, List<String> problems) {
        int uses = 0;
        for (JsonNode entry : entries) {
            JsonNode use = entry.path("templatedRoute");
            if (use.isMissingNode()) {
                continue;
            }
            uses++;
            String name = where + " " + use.path("routeId").asText();
            Map<String, Boolean> declared = templates.get(use.path("routeTemplateRef").asText());
            if (declared == null) {
                problems.add(name + ": no template " + use.path("routeTemplateRef").asText());
                continue;
            }
            Set<String> given = new TreeSet<>();
            use.path("parameters").forEach(p -> given.add(p.path("name").asText()));
            declared.forEach((parameter, required) -> {
                if (required && !given.contains(parameter)) {
                    problems.add(name + ": no value for " + parameter);
                }
            });
            for (String parameter : given) {
                if (!declared.containsKey(parameter)) {
                    problems.add(name + ": " + use.path("routeTemplateRef").asText() + " has no parameter " + parameter);
                }
            }
        }
        return uses;
    }

    /** The yaml blocks of the page's section on route templates (up to the next section). */
    private static List<String> docBlocks() throws Exception {
        String page = Files.readString(Path.of("docs/change-the-flow.md"));
        int from = page.indexOf(DOC_SECTION);
        assertTrue(from >= 0, "docs/change-the-flow.md has a section " + DOC_SECTION);
        int to = page.indexOf("\n## ", from + 1);
        Matcher block = YAML_BLOCK.matcher(page.substring(from, to < 0 ? page.length() : to));
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1).stripIndent());
        }
        return blocks;
    }
}
