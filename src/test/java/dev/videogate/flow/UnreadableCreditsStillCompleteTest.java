package dev.videogate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.config.GatewayConfiguration;
import dev.videogate.support.GatewayTest;
import java.io.IOException;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A fault the simulator cannot play, injected by step id: Kie.ai's credit endpoint fails. The generation still
 * completes with its video; only the balance is missing.
 */
@CamelMainTest(configurationClasses = GatewayConfiguration.class, propertyPlaceholderLocations = "file:application.properties",
        advices = @AdviceRouteMapping(route = "kie-credits", advice = UnreadableCreditsStillCompleteTest.CreditsDown.class))
class UnreadableCreditsStillCompleteTest extends GatewayTest {

    /** The credit call throws, as a Kie.ai that refuses connections on that endpoint would. */
    public static class CreditsDown extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("kie-credits-call").replace().throwException(new IOException("credit endpoint refused the connection"));
        }
    }

    @Test
    void theGenerationCompletesWithoutTheBalance() throws Exception {
        String id = create("a quiet bay").get("generationId").asText();
        JsonNode done = status(id, true);
        assertEquals("completed", done.get("state").asText(), done.toString());
        // Kie.ai's link, or our own copy once the copy outbox made it (a race on a loaded machine)
        assertTrue(done.get("result").asText().matches(".*(\\.mp4|/files/0)"), done.toString());
        assertTrue(done.at("/credits/remaining").isNull(), "no balance could be read: " + done);
        assertEquals(30, done.at("/credits/consumed").asInt());
        assertEquals(0, kie.creditCalls(), "the credit call never reached Kie.ai");
    }
}
