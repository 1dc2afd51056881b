package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import dev.videogate.config.GatewayConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The bundle with x402 on (booted as in GatewayTest), paid through the project's local x402 network (chain,
 * facilitator, official clients).
 */
@CamelMainTest(configurationClasses = GatewayConfiguration.class, propertyPlaceholderLocations = "file:application.properties")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PaidGatewayTest {

    protected static final BigInteger PRICE = BigInteger.valueOf(3_500_000); // 3.50 USDC

    protected TestDatabase db;
    protected KieSimulator kie;
    protected LocalX402Network x402;
    protected GatewayClient gateway;
    private BootedGateway booted;

    @BeanInject
    protected CamelContext camel;

    protected Map<String, String> settings() {
        return Map.of();
    }

    /** The local x402 network this class pays through (a subclass may start it with options). */
    protected LocalX402Network network() throws Exception {
        return LocalX402Network.start();
    }

    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(400);
    }

    @BeforeAll
    void startAll() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(simulator()).start();
        x402 = network();
        Map<String, String> props = new HashMap<>(x402.gatewaySettings());
        props.putAll(settings());
        int port = TestSettings.freePort();
        booted = new BootedGateway(TestSettings.common(db, kie.baseUrl(), kie.apiKey(), port), props);
        gateway = new GatewayClient(port);
    }

    @AfterAll
    void stopAll() throws Exception {
        booted.forget();
        if (x402 != null) {
            x402.close();
        }
        kie.close();
        db.close();
    }

    /** Readiness as the probe reads it, every check shown (/observe/health/ready?exposureLevel=full). */
    protected JsonNode readiness() throws Exception {
        String port = camel.resolvePropertyPlaceholders("{{camel.management.port}}");
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/health/ready?exposureLevel=full")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(ready.body());
    }

    protected long rows() throws Exception {
        return db.count("SELECT count(*) FROM generation");
    }

    /** The v2 requirement we offer for the default request, read from our own 402 (as a client would). */
    protected JsonNode offeredRequirement() throws Exception {
        var challenge = gateway.post("/api/generate", Json.request("a lighthouse in a storm"));
        String header = challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow();
        return Json.parse(new String(Base64.getDecoder().decode(header))).get("accepts").get(0);
    }
}
