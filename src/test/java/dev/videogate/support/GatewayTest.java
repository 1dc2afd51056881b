package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.config.GatewayConfiguration;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One bundle per test class, booted by camel-test-main-junit5 from the real configuration, application.properties
 * and routes/, over real HTTP on loopback, against its own PostgreSQL schema and the project's Kie.ai simulator.
 * Subclasses tune the settings; @CamelMainTest's advices inject faults the simulator cannot play.
 */
@CamelMainTest(configurationClasses = GatewayConfiguration.class, propertyPlaceholderLocations = "file:application.properties")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayTest {

    protected TestDatabase db;
    protected KieSimulator kie;
    protected GatewayClient gateway;
    private BootedGateway booted;

    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(500);
    }

    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startUpstreams() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(simulator()).start();
        int port = TestSettings.freePort();
        booted = new BootedGateway(TestSettings.common(db, kie.baseUrl(), kie.apiKey(), port), settings());
        gateway = new GatewayClient(port);
    }

    @AfterAll
    void stopUpstreams() throws Exception {
        booted.forget();
        kie.close();
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
