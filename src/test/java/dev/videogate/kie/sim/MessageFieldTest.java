package dev.videogate.kie.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** messageField("message") answers with "message" instead of "msg", as in Kie.ai's recordInfo sample. */
class MessageFieldTest {

    @Test
    void answersUseTheConfiguredMessageField() {
        try (KieSimulator sim = new KieSimulator(new SimulatorSettings().generationMillis(50)
                .messageField("message")).start()) {
            SimClient client = new SimClient(sim);
            String id = client.createOk("kling-2.6/text-to-video", "x", null);
            SimClient.Answer a = client.recordInfo(id);
            assertEquals("success", a.body().path("message").asText());
            assertFalse(a.body().has("msg"));
            assertEquals(KieSimulator.MSG_UNAUTHORIZED, client.credit("bad").body().path("message").asText());
        }
    }
}
