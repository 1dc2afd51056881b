package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model of the shipped catalog, at its defaults, end to end through the simulator: created, called back, delivered. */
class EveryModelDeliversTest extends GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> models() {
        return new ModelCatalog(Path.of("models.yaml"), key -> null, List.of(), Clock.systemUTC()).all().stream().map(CatalogModel::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void deliversAVideo(String name) throws Exception {
        CatalogModel model = new ModelCatalog(Path.of("models.yaml"), key -> null, List.of(), Clock.systemUTC()).find(name).orElseThrow();
        ObjectNode request = JSON.createObjectNode().put("model", name).put("prompt", "A red kite over green hills");
        ObjectNode options = request.putObject("options");
        model.options().values().stream().filter(o -> o.kind() == OptionSpec.Kind.IMAGE_URLS && o.required())
                .forEach(o -> options.putArray(o.name()).add("https://93.184.216.34/kite.png"));
        HttpResponse<String> created = gateway.post("/api/generate", request.toString());
        assertEquals(200, created.statusCode(), created.body());
        String id = Json.parse(created.body()).get("generationId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
        // Kie.ai's link, or our own copy once the copy outbox made it (a race on a loaded machine)
        assertTrue(done.get("result").asText().matches(".*(\\.mp4|/files/0)"), done.toString());
        assertEquals(model.family().id(), db.rows("SELECT kie_family FROM generation WHERE id = ?", id).get(0).get("kie_family"));
    }
}
