package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.api.ErrorCodes;
import dev.videogate.discovery.OpenApiDocument;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.ContractCheck;
import dev.videogate.support.DocExamples;
import dev.videogate.support.Json;
import dev.videogate.support.RouteFiles;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example "a policy step before payment" of docs/change-the-flow.md, run as written: its YAML block is
 * read from the page and put after step 1 (the body's parse) of a copy of routes/10-generate.yaml; the bundle starts
 * on that copy with x402 on. An unpaid request naming a blocked word gets the example's 400, not a 402, and nothing
 * is written or called upstream; one without the word still gets the 402.
 */
class WorkedExamplePolicyBeforePaymentTest {

    private static final String SECTION = "### A policy step before payment: refuse a blocked word";
    /** The end of step 1 in routes/10-generate.yaml: the example goes on the next line. */
    private static final String AFTER = "            variableReceive: generation\n";

    @TempDir
    static Path routes;

    static TestDatabase db;
    static KieSimulator kie;
    static RunningGateway gateway;
    static ContractCheck.OffContract ownCode;

    @BeforeAll
    static void start() throws Exception {
        // the engineer's step answers a code of its own, which the bundle's OpenAPI document cannot list
        ownCode = ContractCheck.OffContract.allow("an engineer's own error code (the worked example)",
                a -> a.body() != null && a.body().contains("\"error\":\"blocked_word\""));
        RouteFiles.copyTo(routes);
        String step = exampleYaml().lines().map(line -> line.isEmpty() ? line : "        " + line).collect(Collectors.joining("\n", "", "\n"));
        RouteFiles.insertAfter(routes.resolve("10-generate.yaml"), AFTER, step); // after step 1

        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(500)).start();
        // x402 on; an unpaid request never reaches the facilitator, so none needs to listen
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.yaml",
                "app.x402.enabled", "true", "app.x402.pay-to", "0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
                "app.x402.facilitator-url", "http://127.0.0.1:9/facilitator", "app.x402.rpc-url", "http://127.0.0.1:9/rpc",
                // the page's properties line: the engineer's code in the OpenAPI document's Error schema
                "app.api.extra-error-codes", "blocked_word"));
    }

    @AfterAll
    static void stop() throws Exception {
        ownCode.close();
        if (gateway != null) {
            gateway.close();
        }
        if (kie != null) {
            kie.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The first ```yaml block under the example's heading in docs/change-the-flow.md. */
    static String exampleYaml() throws IOException {
        return DocExamples.yamlBlocks(SECTION, 1).get(0);
    }

    @Test
    void anUnpaidRequestWithABlockedWordIsRefusedNotChallenged() throws Exception {
        for (String prompt : new String[] {"A slow NSFW montage", "gore, in the rain", "A lighthouse\\nthen some gore"}) {
            HttpResponse<String> refused = gateway.post("/api/generate",
                    "{\"model\":\"sora-2\",\"prompt\":\"" + prompt + "\"}");
            assertEquals(400, refused.statusCode(), prompt + ": " + refused.body());
            assertEquals("application/json", refused.headers().firstValue("Content-Type").orElse(""));
            JsonNode error = Json.parse(refused.body());
            assertEquals("blocked_word", error.get("error").asText(), refused.body());
            assertFalse(error.get("success").asBoolean(), refused.body());
            assertFalse(refused.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "no payment asked for a refused request");
        }
        assertEquals(0, db.count("SELECT count(*) FROM generation"), "nothing written");
        assertEquals(0, kie.createTaskCalls(), "Kie.ai never called");
    }

    @Test
    void aRequestWithoutTheWordIsStillChallenged() throws Exception {
        // "gorecki" is not the word "gore": the rule matches words, not substrings
        HttpResponse<String> challenged = gateway.post("/api/generate", "{\"model\":\"sora-2\",\"prompt\":\"A harbour at dawn, after Gorecki\"}");
        assertEquals(402, challenged.statusCode(), challenged.body());
        assertTrue(challenged.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "the x402 challenge");
        assertEquals("payment_required", Json.parse(challenged.body()).get("code").asText(), challenged.body());
        assertEquals(0, db.count("SELECT count(*) FROM generation"), "nothing written");
        assertEquals(0, kie.createTaskCalls(), "Kie.ai never called");
    }

    @Test
    void theDocumentListsTheEngineersCodeAfterTheBundles() throws Exception {
        HttpResponse<String> document = gateway.get("/api/openapi.json");
        assertEquals(200, document.statusCode(), document.body());
        JsonNode codes = Json.parse(document.body()).at("/components/schemas/Error/properties/error/enum");
        List<String> listed = new ArrayList<>();
        codes.forEach(code -> listed.add(code.asText()));
        assertEquals("blocked_word", listed.get(listed.size() - 1), listed.toString());
        assertTrue(listed.containsAll(ErrorCodes.ERRORS), "the bundle's own codes stay: " + listed);
    }

    @Test
    void aCodeOfAnotherShapeStopsTheStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new OpenApiDocument(null, "http://127.0.0.1:8080", List.of("blocked_word", "Blocked-Word")));
        assertTrue(refused.getMessage().contains("app.api.extra-error-codes") && refused.getMessage().contains("Blocked-Word"),
                refused.getMessage());
    }
}
