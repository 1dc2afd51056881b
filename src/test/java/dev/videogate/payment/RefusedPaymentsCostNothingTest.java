package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No payment, or a payment that is wrong in any way: 402, no row, no Kie.ai task, no USDC moved. */
class RefusedPaymentsCostNothingTest extends PaidGatewayTest {

    @Test
    void unpaidRequestGetsTheRequirementsForThatRequest() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("a paper boat"));
        assertEquals(402, answer.statusCode());
        JsonNode v2 = Json.parse(new String(Base64.getDecoder().decode(answer.headers().firstValue("PAYMENT-REQUIRED").orElseThrow())));
        assertEquals(2, v2.get("x402Version").asInt());
        assertEquals(gateway.url("/api/generate"), v2.at("/resource/url").asText());
        JsonNode accept = v2.get("accepts").get(0);
        assertEquals("exact", accept.get("scheme").asText());
        assertEquals("eip155:84532", accept.get("network").asText());
        assertEquals("3500000", accept.get("amount").asText());
        assertEquals(x402.asset().toLowerCase(), accept.get("asset").asText().toLowerCase());
        assertEquals(x402.payTo().toLowerCase(), accept.get("payTo").asText().toLowerCase());
        assertEquals("USDC", accept.at("/extra/name").asText());
        assertEquals("2", accept.at("/extra/version").asText());

        JsonNode body = Json.parse(answer.body());
        assertEquals(1, body.get("x402Version").asInt());
        assertEquals("base-sepolia", body.at("/accepts/0/network").asText());
        assertEquals("3500000", body.at("/accepts/0/maxAmountRequired").asText());
        assertTrue(body.get("paymentRequired").asBoolean());
        assertEquals(3.5, body.get("price").asDouble());
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong amount          | --value 1
            wrong payTo           | --to 0x000000000000000000000000000000000000dEaD
            wrong network         | --network eip155:8453
            expired authorization | --validBefore 1000
            tampered signature    | --tamper
            """)
    void refusesAWrongPayment(String name, String override) throws Exception {
        List<String> args = new ArrayList<>(List.of("--version", "2", "--key", x402.payerKey(4),
                "--requirements", offeredRequirement().toString(), "--resource", gateway.url("/api/generate")));
        args.addAll(List.of(override.split(" ")));
        String header = x402.sign(args.toArray(String[]::new)).get("header").asText();
        assertRefusedWithoutCost(x402.payerAddress(4), Map.of("PAYMENT-SIGNATURE", header));
    }

    @ParameterizedTest(name = "valid for {0} s")
    @CsvSource(delimiter = '|', textBlock = """
            20   | at least 60 s must remain
            3600 | longer than the 300 s
            """)
    void refusesAValidityWindowTheRequestCannotUse(long seconds, String why) throws Exception {
        String validBefore = String.valueOf(java.time.Instant.now().getEpochSecond() + seconds);
        String header = x402.sign("--version", "2", "--key", x402.payerKey(4), "--requirements", offeredRequirement().toString(),
                "--resource", gateway.url("/api/generate"), "--validBefore", validBefore).get("header").asText();
        JsonNode refusal = assertRefusedWithoutCost(x402.payerAddress(4), Map.of("PAYMENT-SIGNATURE", header));
        assertTrue(refusal.get("message").asText().contains(why), refusal.toString());
    }

    @Test
    void refusesAPayerWithTooLittleUsdc() throws Exception {
        String header = x402.sign("--version", "2", "--key", x402.poorPayerKey(),
                "--requirements", offeredRequirement().toString(), "--resource", gateway.url("/api/generate")).get("header").asText();
        JsonNode refusal = assertRefusedWithoutCost(x402.poorPayerAddress(), Map.of("PAYMENT-SIGNATURE", header));
        assertTrue(refusal.get("reason").asText().contains("insufficient"), refusal.toString());
    }

    @Test
    void refusesAnUnreadablePaymentHeader() throws Exception {
        assertRefusedWithoutCost(x402.payerAddress(4), Map.of("X-PAYMENT", "not-base64-json!"));
    }

    @Test
    void aChallengeRunsNoWriteAtAll() throws Exception {
        // a statement-level trigger fires even for a DELETE that matches no row: it sees every attempt
        db.execute("CREATE TABLE delete_attempts (at timestamptz DEFAULT now());"
                + "CREATE FUNCTION note_delete() RETURNS trigger SECURITY DEFINER SET search_path = " + db.schema()
                + " AS $$ BEGIN INSERT INTO delete_attempts DEFAULT VALUES; RETURN NULL; END $$ LANGUAGE plpgsql;"
                + "CREATE TRIGGER note_delete BEFORE DELETE ON generation FOR EACH STATEMENT EXECUTE FUNCTION note_delete()");
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(402, gateway.post("/api/generate", Json.request("a paper boat")).statusCode());
            }
            assertEquals(0, db.count("SELECT count(*) FROM delete_attempts"), "no DELETE ran for a 402");
            assertEquals(0, rows());
        } finally {
            db.execute("DROP TRIGGER note_delete ON generation; DROP FUNCTION note_delete(); DROP TABLE delete_attempts");
        }
    }

    private JsonNode assertRefusedWithoutCost(String payer, Map<String, String> headers) throws Exception {
        BigInteger before = x402.balance(payer);
        BigInteger payToBefore = x402.balance(x402.payTo());
        int tasks = kie.createTaskCalls();
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("a lighthouse in a storm"), headers);
        assertEquals(402, answer.statusCode(), answer.body());
        JsonNode body = Json.parse(answer.body());
        assertTrue(answer.headers().firstValue("PAYMENT-REQUIRED").isPresent());
        assertEquals(0, rows(), "nothing written");
        assertEquals(tasks, kie.createTaskCalls(), "no Kie.ai task");
        assertEquals(before, x402.balance(payer), "payer charged nothing");
        assertEquals(payToBefore, x402.balance(x402.payTo()));
        return body;
    }
}
