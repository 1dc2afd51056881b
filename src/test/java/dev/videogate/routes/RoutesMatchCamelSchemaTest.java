package dev.videogate.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.videogate.support.RouteFiles;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route file is valid against the JSON schema shipped in the camel-yaml-dsl jar: the schema Kaoto and the
 * IDE tools read routes through. Camel's own loader is more lenient (it accepts {@code constant: true}), so a file
 * that runs can still be one those tools refuse.
 */
class RoutesMatchCamelSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        // the schema of the camel-yaml-dsl on the classpath, so it follows the Camel version we run
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertTrue(in != null, "schema/camelYamlDsl.json is in the camel-yaml-dsl jar");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    @Test
    void everyRouteFileValidates() {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> file : RouteFiles.all().entrySet()) {
            for (String error : errors(file.getValue())) {
                errors.add("routes/" + file.getKey() + " " + error);
            }
        }
        assertTrue(errors.isEmpty(), "route files that break Camel's YAML DSL schema:\n" + String.join("\n", errors));
    }

    /** The check bites: the two forms 01-answers.yaml once had are reported, each at its JSON path. */
    @Test
    void aNonStringConstantIsReportedWhereItIs() {
        JsonNode routes = RouteFiles.parse(new StringReader("""
                - routeConfiguration:
                    onException:
                      - onException:
                          exception: [java.lang.Exception]
                          handled: {constant: true}
                          steps:
                            - setHeader:
                                name: CamelHttpResponseCode
                                expression: {constant: {expression: 202}}
                """));
        Set<String> errors = errors(routes);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("$[0].routeConfiguration.onException[0].onException.handled")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(
                "$[0].routeConfiguration.onException[0].onException.steps[0].setHeader")), errors.toString());
        assertEquals(Set.of(), errors(RouteFiles.parse(new StringReader("""
                - routeConfiguration:
                    onException:
                      - onException:
                          exception: [java.lang.Exception]
                          handled: {constant: "true"}
                          steps:
                            - setHeader:
                                name: CamelHttpResponseCode
                                expression: {constant: {expression: "202"}}
                """))), "the quoted forms are valid");
    }

    /**
     * Each error as "JSON path: message", only where it is deepest: a value that fits none of an anyOf's branches
     * also fails every enclosing step, and those lines would only repeat it.
     */
    private static Set<String> errors(JsonNode routes) {
        Set<ValidationMessage> all = schema.validate(routes);
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : all) {
            String at = message.getInstanceLocation().toString();
            boolean deeper = all.stream().map(m -> m.getInstanceLocation().toString())
                    .anyMatch(other -> other.startsWith(at + ".") || other.startsWith(at + "["));
            if (!deeper) {
                errors.add(message.getMessage());
            }
        }
        return errors;
    }
}
