package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.io.UncheckedIOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** failNextCreates / failNextRecordInfo / delayNextRecordInfo script the next answers, then normal service. */
class ScriptedErrorsTest {

    private KieSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = new KieSimulator(new SimulatorSettings().generationMillis(100)).start();
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void rateLimitedTwiceThenAccepted() {
        sim.failNextCreates(2, 429, 429, "Rate limit exceeded");
        var body = SimClient.request("kling-2.6/text-to-video", "x", null);
        for (int i = 0; i < 2; i++) {
            SimClient.Answer a = client.create(body);
            assertEquals(429, a.status());
            assertEquals(429, a.code());
            assertEquals("Rate limit exceeded", a.msg());
        }
        assertEquals(200, client.create(body).code());
        assertEquals(3, sim.createTaskCalls());
        assertEquals(1, sim.taskIds().size());
    }

    @Test
    void businessErrorsWithHttp200InOrder() {
        sim.failNextCreates(1, 200, 500, "Server Error");
        sim.failNextCreates(1, 200, 455, "Service Unavailable - System is currently undergoing maintenance");
        sim.failNextCreates(1, 500, 500, "Internal error");
        var body = SimClient.request("kling-2.6/text-to-video", "x", null);
        SimClient.Answer first = client.create(body);
        assertEquals(200, first.status());
        assertEquals(500, first.code());
        SimClient.Answer second = client.create(body);
        assertEquals(455, second.code());
        SimClient.Answer third = client.create(body);
        assertEquals(500, third.status());
        assertEquals("Internal error", third.msg());
        assertEquals(200, client.create(body).code());
    }

    @Test
    void recordInfoErrorsThenNormal() {
        String id = client.createOk("kling-2.6/text-to-video", "x", null);
        sim.failNextRecordInfo(1, 429, 429, "Rate limit exceeded");
        SimClient.Answer limited = client.recordInfo(id);
        assertEquals(429, limited.status());
        assertEquals(429, limited.code());
        assertEquals(200, client.recordInfo(id).code());
        assertEquals(2, sim.recordInfoCalls(id));
    }

    @Test
    void delayedRecordInfoTimesTheClientOut() {
        String id = client.createOk("kling-2.6/text-to-video", "x", null);
        sim.delayNextRecordInfo(1, 600);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> client.recordInfo(id, sim.apiKey(), Duration.ofMillis(150)));
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertEquals(200, client.recordInfo(id).code(), "only the next call was delayed");
    }
}
