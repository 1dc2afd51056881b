package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two videos within app.kie.credits-refresh-ms cost one chat/credit call: the second shows the first's reading. */
class CreditsAreReadOncePerRefreshTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.kie.credits-refresh-ms", "600000");
    }

    @Test
    void oneBalanceReadForTwoVideos() throws Exception {
        int before = kie.creditCalls();
        JsonNode first = status(create("First of two").get("generationId").asText(), true);
        JsonNode second = status(create("Second of two").get("generationId").asText(), true);
        assertEquals("completed", first.get("state").asText(), first.toString());
        assertEquals("completed", second.get("state").asText(), second.toString());
        assertEquals(before + 1, kie.creditCalls(), "one balance read");
        assertEquals(first.at("/credits/remaining").asInt(), second.at("/credits/remaining").asInt(), "the kept reading");
    }
}
