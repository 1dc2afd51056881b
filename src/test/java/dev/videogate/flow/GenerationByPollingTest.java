package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kie.ai never calls back: the Quartz poller finds the result and the long-poll caller still gets it. */
class GenerationByPollingTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.poll.grace-ms", "300");
    }

    @Test
    void pollerFinishesGenerationWhoseCallbackNeverComes() throws Exception {
        JsonNode created = create("A quiet harbour at dawn [sim:no-callback]");
        String id = created.get("generationId").asText();

        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());
        // Kie.ai's link, or our own copy once the copy outbox made it (a race on a loaded machine)
        assertTrue(done.get("result").asText().matches(".*(\\.mp4|/files/0)"));
        assertEquals(0, kie.callbacksSent());
        assertEquals("poll", db.rows("SELECT state_source FROM generation WHERE id = ?", id).get(0).get("state_source"));
        long polls = db.count("SELECT poll_count FROM generation WHERE id = ?", id);
        assertEquals(polls, kie.recordInfoCalls(), "one recordInfo per claimed check");
        System.out.printf("Kie.ai calls for one generation by polling alone: createTask=%d recordInfo=%d credit=%d%n",
                kie.createTaskCalls(), kie.recordInfoCalls(), kie.creditCalls());
    }
}
