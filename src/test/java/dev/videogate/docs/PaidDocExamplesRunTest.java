package dev.videogate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.DocCommands;
import dev.videogate.support.DocExampleRunner;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The curl examples marked {@code <!-- run: paid -->} (the operator's refund ledger: it lists paid generations that
 * failed), run with curl against a bundle with payment on, after a payment through the local x402 network for a
 * generation Kie.ai fails; compared with their pages as DocExamplesRunTest compares the others.
 */
class PaidDocExamplesRunTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        return AdminApi.SETTINGS;
    }

    @Test
    void everyPaidCurlExampleAnswersAsItsPageShows() throws Exception {
        List<DocCommands.Example> examples = DocCommands.run(DocCommands.Runner.PAID);
        assertFalse(examples.isEmpty(), "the refund ledger's example");
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("paid, then failed by Kie.ai [sim:fail]"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        String id = paid.get("body").get("generationId").asText();
        Await.until("Kie.ai failed it", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM generation WHERE id = '" + id + "' AND state = 'failed'") == 1);

        DocExampleRunner runner = new DocExampleRunner(gateway, AdminApi.TOKEN);
        runner.accessToken(paid.get("body").get("accessToken").asText());
        List<String> wrong = new ArrayList<>();
        for (DocCommands.Example example : examples) {
            runner.generationId(id);
            wrong.addAll(runner.run(example));
        }
        assertEquals(List.of(), wrong, "what the pages show and what the bundle answers differ");
    }
}
