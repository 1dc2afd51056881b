package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 402 challenge asks the price of exactly what was requested, the payer is charged exactly that (official x402
 * client, local chain), the answer says how the price was made, and a payment signed for a cheaper request does not
 * buy a dearer one.
 */
class PricePerRequestTest extends PaidGatewayTest {

    private static final String SHORT_SILENT = "{\"model\":\"kling-2.6\",\"prompt\":\"A quiet harbour\",\"options\":{\"duration\":\"5\"}}";
    private static final String LONG_WITH_SOUND =
            "{\"model\":\"kling-2.6\",\"prompt\":\"A quiet harbour\",\"options\":{\"duration\":\"10\",\"sound\":true}}";

    @Test
    void theChallengeAsksThePriceOfWhatWasAsked() throws Exception {
        assertEquals("600000", amountAsked(SHORT_SILENT));
        assertEquals("2400000", amountAsked(LONG_WITH_SOUND), "10 s with sound costs more than 5 s without");
        HttpResponse<String> challenge = gateway.post("/api/generate", LONG_WITH_SOUND);
        JsonNode body = Json.parse(challenge.body());
        assertEquals(2.40, body.get("price").asDouble());
        assertEquals(4, body.get("priceBreakdown").size(), "base, duration, sound, both: " + body.get("priceBreakdown"));
        assertEquals("3500000", amountAsked(Json.request("the seed's request")), "sora-2 stays at PRICE_VIDEO_SORA_2");
    }

    @Test
    void thePayerIsChargedExactlyThatPrice() throws Exception {
        BigInteger before = x402.balance(x402.payerAddress(2));
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(2), LONG_WITH_SOUND);
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        assertEquals(before.subtract(BigInteger.valueOf(2_400_000)), x402.balance(x402.payerAddress(2)));
        JsonNode answer = paid.get("body");
        assertEquals(2.40, answer.get("price").asDouble());
        assertEquals("kling-2.6", answer.get("model").asText());
        assertTrue(answer.get("priceBreakdown").toString().contains("sound=true"), answer.toString());
        assertEquals("kling-2.6/text-to-video", kie.lastCreateRequest().body().get("model").asText());
    }

    @Test
    void aPaymentForTheCheaperRequestDoesNotBuyTheDearerOne() throws Exception {
        HttpResponse<String> cheap = gateway.post("/api/generate", SHORT_SILENT);
        JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(cheap.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()),
                StandardCharsets.UTF_8)).get("accepts").get(0);
        String header = x402.sign("--version", "2", "--key", x402.payerKey(3), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
        int creates = kie.createTaskCalls();
        long written = rows();
        HttpResponse<String> answer = gateway.post("/api/generate", LONG_WITH_SOUND, Map.of("PAYMENT-SIGNATURE", header));
        assertEquals(402, answer.statusCode(), answer.body());
        assertEquals(creates, kie.createTaskCalls(), "no task");
        assertEquals(written, rows(), "nothing written");
    }

    private String amountAsked(String request) throws Exception {
        HttpResponse<String> challenge = gateway.post("/api/generate", request);
        assertEquals(402, challenge.statusCode(), challenge.body());
        JsonNode required = Json.parse(new String(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()),
                StandardCharsets.UTF_8));
        return required.get("accepts").get(0).get("amount").asText();
    }
}
