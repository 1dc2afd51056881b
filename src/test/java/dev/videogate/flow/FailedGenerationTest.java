package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** Kie.ai reports a failed task: the caller sees state failed with Kie.ai's failMsg, no result. */
class FailedGenerationTest extends GatewayTest {

    @Test
    void failureReachesTheCallerWithKiesMessage() throws Exception {
        String id = create("Something the model refuses [sim:fail:Prompt violates content policy]").get("generationId").asText();
        JsonNode done = status(id, true);
        assertFalse(done.get("success").asBoolean());
        assertEquals("failed", done.get("state").asText());
        assertEquals("Prompt violates content policy", done.get("failMsg").asText(), done.toString());
        assertFalse(done.has("result"));
    }
}
