package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** chat/credit answers the balance; only succeeded tasks are charged; a task above the balance answers 402. */
class CreditsTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100).credits(100)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void creditAnswersTheBalance() {
        SimClient.Answer a = client.credit();
        assertEquals(200, a.status());
        assertEquals(200, a.code());
        assertEquals("success", a.msg());
        assertEquals(100, a.data().asLong());
        assertEquals(1, sim.creditCalls());
    }

    @Test
    void chargedOnSuccessOnly() throws Exception {
        var body = SimClient.request("sora-2-text-to-video", "a cat", null);
        body.with("input").put("n_frames", "15");
        String id = client.create(body).data().path("taskId").asText();
        assertEquals(100, client.credit().data().asLong(), "not charged while running");
        client.awaitEnd(id);
        assertEquals(55, client.credit().data().asLong(), "sora-2 15 s costs 45");
        assertEquals(45, client.recordInfo(id).data().path("consumeCredits").asInt());

        String failed = client.createOk("sora-2-text-to-video", "nope [sim:fail]", null);
        client.awaitEnd(failed);
        assertEquals(55, client.credit().data().asLong(), "failed tasks are not charged");
        assertEquals(0, client.recordInfo(failed).data().path("consumeCredits").asInt());
    }

    @Test
    void defaultCostRule() {
        var input = SimClient.JSON.createObjectNode().put("prompt", "x").put("n_frames", "10");
        assertEquals(30, SimulatorSettings.DEFAULT_COST_RULE.applyAsInt("sora-2-text-to-video", input));
        assertEquals(30, SimulatorSettings.DEFAULT_COST_RULE.applyAsInt("sora-2-image-to-video", input));
        assertEquals(90, SimulatorSettings.DEFAULT_COST_RULE.applyAsInt("sora-2-pro-text-to-video", input));
        assertEquals(55, SimulatorSettings.DEFAULT_COST_RULE.applyAsInt("kling-2.6/text-to-video", input),
                "each model its own price: kling-2.6 5 s without sound");
        assertEquals(50, SimulatorSettings.DEFAULT_COST_RULE.applyAsInt("kling/v2-1-master-text-to-video", input),
                "a model without its own rules");
    }

    @Test
    void insufficientCreditsAnswer402WithHttp200() {
        sim.setCredits(40);
        SimClient.Answer a = client.create(SimClient.request("kling-2.6/text-to-video", "x", null));
        assertEquals(200, a.status());
        assertEquals(402, a.code());
        assertEquals(KieSimulator.MSG_CREDITS, a.msg());
        assertEquals(0, sim.taskIds().size());
        assertEquals(40, sim.credits());
        assertEquals(200, client.create(SimClient.request("sora-2-text-to-video", "x", null)).code(),
                "a 30-credit task still fits");
    }

    @Test
    void customCostRule() throws Exception {
        try (KieSimulator custom = new KieSimulator(new SimulatorSettings().generationMillis(50).credits(10)
                .creditsPerTask((model, input) -> 7)).start()) {
            SimClient c = new SimClient(custom);
            String id = c.createOk("kling-2.6/text-to-video", "x", null);
            c.awaitEnd(id);
            assertEquals(3, custom.credits());
            assertEquals(402, c.create(SimClient.request("kling-2.6/text-to-video", "x", null)).code());
        }
    }
}
