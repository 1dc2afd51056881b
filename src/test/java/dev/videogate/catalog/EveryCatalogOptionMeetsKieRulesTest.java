package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.generation.GenerateRequests;
import dev.videogate.kie.sim.ModelRules;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
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
                JsonNode body = Json.parse(answer.body());
                assertEquals(model.price().quote(GenerateRequests.defaults(model).setAll(options)).totalUsd().doubleValue(), body.get("price").asDouble(),
                        model.name() + " " + options);
                sent++;
            }
        }
        System.out.printf("catalog check: %d models, %d option combinations sent to the simulator, none refused%n",
                catalog.all().size(), sent);
        assertTrue(sent >= 300, "all combinations: " + sent);
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
