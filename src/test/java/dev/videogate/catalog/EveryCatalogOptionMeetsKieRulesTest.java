package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.kie.sim.ModelRules;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalog and Kie.ai's rules agree: every model, every combination of its options (image models with a
 * start image), goes through the bundle to the simulator, which checks each model's input as Kie.ai documents it
 * and answers 422 when it is wrong. None is refused.
 */
class EveryCatalogOptionMeetsKieRulesTest extends GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "https://93.184.216.34/start-frame.png";

    @Override
    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(60_000); // no callbacks while the run goes on
    }

    @Test
    void everyCombinationIsAcceptedByKie() throws Exception {
        ModelCatalog catalog = new ModelCatalog(Path.of("models.yaml"), key -> null, List.of(), Clock.systemUTC());
        int sent = 0;
        for (CatalogModel model : catalog.all()) {
            for (ObjectNode options : OptionCombinations.of(model)) {
                model.options().values().stream().filter(o -> o.kind() == OptionSpec.Kind.IMAGE_URLS && o.required())
                        .forEach(o -> options.putArray(o.name()).add(IMAGE));
                ObjectNode request = JSON.createObjectNode().put("model", model.name())
                        .put("prompt", "A paper boat drifting down a rain gutter");
                request.set("options", options);
                HttpResponse<String> answer = gateway.post("/api/generate", request.toString());
                assertEquals(200, answer.statusCode(), model.name() + " " + options + ": " + answer.body());
                // the exact figures are checked by hand below (theHandWorkedPricesAreAsked), not by quote() against itself
                BigDecimal price = Json.parse(answer.body()).get("price").decimalValue();
                assertTrue(price.signum() > 0 && price.stripTrailingZeros().scale() <= 6,
                        model.name() + " " + options + ": a positive USDC amount, " + price);
                sent++;
            }
        }
        System.out.printf("catalog check: %d models, %d option combinations sent to the simulator, none refused%n",
                catalog.all().size(), sent);
        assertTrue(sent >= 300, "all combinations: " + sent);
    }

    /**
     * Prices worked out by hand from models.yaml's rules (base-usd plus each term whose "when" holds, per-unit terms
     * times the duration), for a few combinations of each family, defaults filled in as the catalog says.
     */
    @Test
    void theHandWorkedPricesAreAsked() throws Exception {
        String[][] cases = {
                // model, options, USD
                {"sora-2", "{}", "3.50"},
                {"sora-2-pro", "{}", "1.00"},                                              // standard, 10 s
                {"sora-2-pro", "{\"n_frames\":\"15\"}", "1.50"},                          // 1.00 + 0.50
                {"sora-2-pro", "{\"size\":\"high\"}", "2.20"},                            // 1.00 + 1.20
                {"sora-2-pro", "{\"size\":\"high\",\"n_frames\":\"15\"}", "4.20"},      // 1.00 + 3.20
                {"kling-2.6", "{}", "0.60"},
                {"kling-2.6", "{\"duration\":\"10\"}", "1.20"},
                {"kling-2.6", "{\"sound\":true}", "1.20"},
                {"kling-2.6", "{\"duration\":\"10\",\"sound\":true}", "2.40"},          // 0.60 x 4
                {"seedance-1.5-pro", "{}", "0.32"},                                        // 720p, 8 s x 0.04
                {"seedance-1.5-pro", "{\"resolution\":\"480p\",\"duration\":\"4\"}", "0.08"},
                {"seedance-1.5-pro", "{\"resolution\":\"1080p\",\"duration\":\"12\",\"generate_audio\":true}", "1.92"}, // 12 x (0.08 + 0.08)
                {"wan-2.6", "{}", "1.05"},                                                 // 1080p, 5 s x 0.21
                {"wan-2.6", "{\"resolution\":\"720p\",\"duration\":\"15\"}", "2.10"},
                {"kling-3.0", "{}", "0.70"},                                               // std, 5 s x 0.14
                {"kling-3.0", "{\"mode\":\"std\",\"duration\":\"3\",\"sound\":true}", "0.60"},       // 3 x (0.14 + 0.06)
                {"kling-3.0", "{\"mode\":\"pro\",\"duration\":\"15\",\"sound\":true}", "4.05"},      // 15 x (0.18 + 0.09)
                {"seedance-2", "{}", "2.05"},                                              // 5 s x 0.41
                {"seedance-2", "{\"duration\":15}", "6.15"},
                {"seedance-2-fast", "{\"duration\":10}", "2.48"},                         // 10 x 0.248
                {"wan-2.7", "{}", "1.20"},                                                 // 1080p, 5 s x 0.24
                {"wan-2.7", "{\"resolution\":\"720p\",\"duration\":2}", "0.32"},
                {"hailuo-02-pro", "{}", "0.48"},
                {"hailuo-02-standard", "{\"duration\":\"10\"}", "0.40"},
                {"grok-imagine", "{}", "0.27"},                                            // 720p, 6 s x 0.045
                {"grok-imagine", "{\"resolution\":\"480p\",\"duration\":30}", "0.72"},
                {"veo-3.1", "{}", "2.50"},
                {"veo-3.1", "{\"resolution\":\"1080p\"}", "2.55"},
                {"veo-3.1-lite", "{\"resolution\":\"1080p\"}", "0.35"},
                {"runway", "{}", "0.12"},
                {"runway", "{\"duration\":10}", "0.30"},
                {"runway-1080p", "{}", "0.30"},
        };
        for (String[] c : cases) {
            String request = "{\"model\":\"" + c[0] + "\",\"prompt\":\"A paper boat drifting down a rain gutter\",\"options\":" + c[1] + "}";
            HttpResponse<String> answer = gateway.post("/api/generate", request);
            assertEquals(200, answer.statusCode(), request + ": " + answer.body());
            BigDecimal price = Json.parse(answer.body()).get("price").decimalValue();
            assertEquals(0, new BigDecimal(c[2]).compareTo(price), c[0] + " " + c[1] + ": expected " + c[2] + ", asked " + price);
        }
    }

    @Test
    void theRequestKieGetsIsTheModelsOwnShape() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate",
                "{\"model\":\"kling-2.6\",\"prompt\":\"A lantern festival\",\"options\":{\"duration\":\"10\",\"sound\":true}}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode sent = kie.lastCreateRequest().body();
        assertEquals("kling-2.6/text-to-video", sent.get("model").asText());
        assertEquals("10", sent.at("/input/duration").asText());
        assertEquals(true, sent.at("/input/sound").asBoolean());
        assertEquals("16:9", sent.at("/input/aspect_ratio").asText(), "the catalog's default");
        assertTrue(sent.path("input").path("n_frames").isMissingNode(), "no Sora fields for Kling: " + sent);
        assertNull(ModelRules.check("kling-2.6/text-to-video", sent.get("input")), "Kie.ai's rules hold");
    }
}
