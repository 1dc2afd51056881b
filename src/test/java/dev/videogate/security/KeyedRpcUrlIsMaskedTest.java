package dev.videogate.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.ProductionConsole;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RPC providers (Alchemy, Infura, QuickNode) put the account's API key in the URL: app.x402.rpc-url is a secret
 * setting, masked in every log line, Camel's start-up list of settings included (where it showed in clear).
 */
class KeyedRpcUrlIsMaskedTest {

    @Test
    void theKeyInTheRpcUrlIsInNoLine() throws Exception {
        String key = "rpc" + UUID.randomUUID().toString().replace("-", "");
        List<String> lines;
        try (TestDatabase db = new TestDatabase(); KieSimulator kie = new KieSimulator(SimulatorSettings.defaults()).start();
             ProductionConsole console = ProductionConsole.open("text")) {
            try (RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                    Map.of("app.x402.rpc-url", "https://base-sepolia.rpc.example/v2/" + key))) {
                assertTrue(gateway.get("/api/models").statusCode() == 200, "started");
            }
            lines = console.lines();
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("app.x402.rpc-url")), "Camel lists the setting at start");
        assertFalse(lines.stream().anyMatch(line -> line.contains(key)), "the key is in no line");
    }
}
