package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One bundle, one simulator and one schema per test class; subclasses tune the settings. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayTest {

    protected TestDatabase db;
    protected KieSimulator kie;
    protected RunningGateway gateway;

    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(500);
    }

    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startGateway() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(simulator()).start();
        gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), settings());
    }

    @AfterAll
    void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (kie != null) {
            kie.close();
        }
        db.close();
    }

    /** POST /api/generate with the given prompt; asserts it was accepted and returns the answer. */
    protected JsonNode create(String prompt) throws Exception {
        HttpResponse<String> created = gateway.post("/api/generate", Json.request(prompt));
        if (created.statusCode() != 200) {
            throw new AssertionError("create answered " + created.statusCode() + ": " + created.body());
        }
        return Json.parse(created.body());
    }

    protected JsonNode status(String id, boolean poll) throws Exception {
        return Json.parse(gateway.get("/api/generate/" + id + "?poll=" + poll).body());
    }

    protected long rows() throws Exception {
        return db.count("SELECT count(*) FROM generation");
    }
}
