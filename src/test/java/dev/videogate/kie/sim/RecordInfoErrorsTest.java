package dev.videogate.kie.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recordInfo of unknown tasks, missing taskId, unknown paths and wrong methods. */
class RecordInfoErrorsTest {

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
    void unknownTaskAnswersRecordInfoIsNull() {
        SimClient.Answer a = client.recordInfo("0123456789abcdef0123456789abcdef");
        assertEquals(200, a.status());
        assertEquals(422, a.code());
        assertEquals("recordInfo is null", a.msg());
        assertTrue(a.body().path("data").isNull());
    }

    @Test
    void missingTaskIdAnswers400() {
        SimClient.Answer a = client.recordInfo(null);
        assertEquals(200, a.status());
        assertEquals(400, a.code());
    }

    @Test
    void unknownPathAndWrongMethod() throws Exception {
        HttpClient http = SimClient.HTTP;
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/nope"))
                .header("Authorization", "Bearer sim-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals(404, SimClient.JSON.readTree(unknown.body()).path("code").asInt());

        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/jobs/createTask"))
                .header("Authorization", "Bearer sim-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrong.statusCode());
        assertEquals(405, SimClient.JSON.readTree(wrong.body()).path("code").asInt());
    }
}
