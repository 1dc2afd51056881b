package dev.videogate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.ProductionConsole;
import dev.videogate.support.PaidGatewayTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paid, refused and upstream-failed requests: the Kie.ai key and the payment headers never reach a log line or an answer.
 * The logs are what production writes: the bundle's own log4j2.properties (INFO, the masking rewrite), its console
 * output captured; the key is as long as Kie.ai's (32 characters), well over the masking minimum.
 */
class SecretsStayOutOfLogsTest extends PaidGatewayTest {

    /** Shaped like a Kie.ai key: 32 hex characters. */
    private static final String KIE_KEY = "3f9c2a7e1b8d4c6fa0e5d2b7c9f14a68";

    @Override
    protected SimulatorSettings simulator() {
        return super.simulator().apiKey(KIE_KEY);
    }

    @Test
    void noSecretInLogsOrAnswers() throws Exception {
        List<JsonNode> payments = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        String logs;
        try (ProductionConsole console = ProductionConsole.open("text")) {
            payments.add(sign());
            answers.add(post(payments.get(0), 200));

            payments.add(x402.sign("--version", "2", "--key", x402.payerKey(1), "--requirements", offeredRequirement().toString(),
                    "--resource", gateway.url("/api/generate"), "--tamper"));
            answers.add(post(payments.get(1), 402));

            kie.failNextCreates(1, 401, 401, "You do not have access permissions");
            payments.add(sign());
            answers.add(post(payments.get(2), 502));

            kie.failNextCreates(1, 500, 500, "internal error");
            payments.add(sign());
            answers.add(post(payments.get(3), 502));

            // an upstream that echoes the key in its error message: the bundle logs a 500's message, so only the mask keeps it out
            kie.failNextCreates(1, 500, 500, "internal error for api key " + KIE_KEY);
            payments.add(sign());
            answers.add(post(payments.get(4), 502));
            logs = String.join("\n", console.lines());
        }
        assertEquals(KIE_KEY, kie.apiKey(), "the bundle called Kie.ai with the long key");
        assertTrue(logs.contains(" INFO "), "production's level: INFO lines were written\n" + logs);
        assertTrue(logs.contains("Kie.ai") || logs.contains("kie"), "the capture saw the bundle's Kie.ai failures\n" + logs);
        String everything = logs + "\n" + String.join("\n", answers);
        assertFalse(everything.contains(KIE_KEY), "the Kie.ai key");
        assertFalse(everything.contains(KIE_KEY.substring(0, 16)), "any half of the Kie.ai key");
        assertFalse(everything.contains(KIE_KEY.substring(16)), "any half of the Kie.ai key");
        for (JsonNode payment : payments) {
            String header = payment.get("header").asText();
            String signature = payment.at("/payload/payload/signature").asText();
            assertTrue(signature.length() > 100, "a real signature: " + payment);
            assertFalse(everything.contains(header.substring(0, 60)), "the payment header");
            assertFalse(everything.contains(signature.substring(2, 60)), "the payment signature");
        }
    }

    private JsonNode sign() throws Exception {
        return x402.sign("--version", "2", "--key", x402.payerKey(1), "--requirements", offeredRequirement().toString(),
                "--resource", gateway.url("/api/generate"));
    }

    private String post(JsonNode payment, int expected) throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("a secret garden"),
                Map.of("PAYMENT-SIGNATURE", payment.get("header").asText()));
        assertEquals(expected, answer.statusCode(), answer.body());
        return answer.body() + answer.headers().map();
    }
}
