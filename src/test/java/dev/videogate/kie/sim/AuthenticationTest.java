package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A missing or wrong Bearer key answers HTTP 401 with body code 401 on every API endpoint. */
class AuthenticationTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().apiKey("right-key").generationMillis(100)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private static void assertUnauthorized(SimClient.Answer a) {
        assertEquals(401, a.status());
        assertEquals(401, a.code());
        assertEquals(KieSimulator.MSG_UNAUTHORIZED, a.msg());
    }

    @Test
    void createTaskNeedsTheKey() {
        String body = SimClient.request("kling-2.6/text-to-video", "x", null).toString();
        assertUnauthorized(client.create(body, null));
        assertUnauthorized(client.create(body, "wrong-key"));
        assertEquals(0, sim.taskIds().size(), "no task was created");
        assertEquals(200, client.create(body, "right-key").code());
    }

    @Test
    void recordInfoAndCreditNeedTheKey() {
        String id = client.createOk("kling-2.6/text-to-video", "x", null);
        assertUnauthorized(client.recordInfo(id, "wrong-key", Duration.ofSeconds(5)));
        assertUnauthorized(client.recordInfo(id, null, Duration.ofSeconds(5)));
        assertUnauthorized(client.credit(null));
        assertUnauthorized(client.credit("wrong-key"));
        assertEquals(200, client.credit().code());
    }

    @Test
    void lastCreateRequestRecordsTheAuthorizationHeader() {
        client.createOk("kling-2.6/text-to-video", "x", "http://127.0.0.1:9/cb");
        RecordedRequest r = sim.lastCreateRequest();
        assertEquals("Bearer right-key", r.header("authorization"));
        assertEquals("Bearer right-key", r.header("Authorization"));
        assertEquals("kling-2.6/text-to-video", r.body().path("model").asText());
        assertEquals("http://127.0.0.1:9/cb", r.body().path("callBackUrl").asText());
        assertEquals("x", r.body().path("input").path("prompt").asText());
    }
}
