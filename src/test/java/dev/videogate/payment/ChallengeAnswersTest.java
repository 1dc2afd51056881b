package dev.videogate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.generation.Generation;
import dev.videogate.support.Json;
import dev.videogate.x402.Refusal;
import dev.videogate.x402.X402Settings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 402s as rendered bytes: the plain challenge kept per (model, options, price) and bounded; refusals each time. */
class ChallengeAnswersTest {

    private static final X402Settings SETTINGS = X402Settings.fromProperties(Map.of(
            X402Settings.PAY_TO, "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", X402Settings.NETWORK, "base-sepolia")::get);
    private final ChallengeAnswers answers = new ChallengeAnswers(
            dev.videogate.x402.PaymentOptions.single(SETTINGS, new dev.videogate.x402.FacilitatorSupport(SETTINGS.network()), java.time.Clock.systemUTC()), "https://gw.example/api/generate", null);

    private static Generation sora(String options, String price) {
        return new Generation("gen_" + System.nanoTime(), "sora-2", "sora-2-text-to-video", "sora", "video", "A kite", options, "{}",
                new BigDecimal(price), "{\"base\":" + price + "}", "AI video generation (sora-2): test", null);
    }

    @Test
    void oneRequestShapeIsRenderedOnceAndKept() {
        ChallengeAnswers.Answer first = answers.challenge(sora("{\"n_frames\":\"10\"}", "3.50"));
        ChallengeAnswers.Answer again = answers.challenge(sora("{\"n_frames\":\"10\"}", "3.50")); // another id, same shape
        assertSame(first, again);
        ChallengeAnswers.Answer longer = answers.challenge(sora("{\"n_frames\":\"15\"}", "5.25"));
        assertNotSame(first, longer);
        JsonNode body = Json.parse(longer.body());
        assertEquals(new BigDecimal("5.25"), body.get("price").decimalValue());
        assertEquals("payment_required", body.get("code").asText());
        assertFalse(body.has("reason"), body.toString());
        JsonNode header = Json.parse(new String(Base64.getDecoder().decode(longer.paymentRequired()), StandardCharsets.UTF_8));
        assertEquals("5250000", header.get("accepts").get(0).get("amount").asText(), header.toString());
        assertEquals(2, answers.kept());
    }

    @Test
    void theKeptChallengesAreBounded() {
        for (int i = 0; i < ChallengeAnswers.MAX_KEPT + 10; i++) {
            answers.challenge(sora("{\"seed\":" + i + "}", "3.50"));
            assertTrue(answers.kept() <= ChallengeAnswers.MAX_KEPT, "kept " + answers.kept());
        }
    }

    @Test
    void aRefusalCarriesItsReasonAndIsNotKept() {
        Generation generation = sora("{}", "3.50");
        Refusal refusal = new Refusal("insufficient_funds", "insufficient_funds", "The balance is held");
        ChallengeAnswers.Answer refused = answers.refused(generation, refusal);
        JsonNode body = Json.parse(refused.body());
        assertEquals("insufficient_funds", body.get("code").asText());
        assertEquals("insufficient_funds", body.get("reason").asText());
        assertEquals("The balance is held", body.get("message").asText());
        JsonNode header = Json.parse(new String(Base64.getDecoder().decode(refused.paymentRequired()), StandardCharsets.UTF_8));
        assertEquals("insufficient_funds", header.get("error").asText());
        assertEquals(0, answers.kept());
        assertEquals(refused.body(), answers.refused(generation, refusal).body());
    }

    @Test
    void withSignInEachChallengeGetsAFreshNonceFromTheKeptOne() {
        dev.videogate.siwx.SignInWithX signIn = new dev.videogate.siwx.SignInWithX("https://gw.example", java.util.List.of("eip155:84532"),
                "key".getBytes(StandardCharsets.UTF_8), java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC());
        ChallengeAnswers signing = new ChallengeAnswers(
                dev.videogate.x402.PaymentOptions.single(SETTINGS, new dev.videogate.x402.FacilitatorSupport(SETTINGS.network()), java.time.Clock.systemUTC()),
                "https://gw.example/api/generate", null, signIn);
        ChallengeAnswers.Answer first = signing.challenge(sora("{}", "3.50"));
        ChallengeAnswers.Answer second = signing.challenge(sora("{}", "3.50"));
        JsonNode one = Json.parse(new String(Base64.getDecoder().decode(first.paymentRequired()), StandardCharsets.UTF_8));
        JsonNode two = Json.parse(new String(Base64.getDecoder().decode(second.paymentRequired()), StandardCharsets.UTF_8));
        JsonNode info = one.get("extensions").get("sign-in-with-x").get("info");
        assertEquals("gw.example", info.get("domain").asText());
        assertEquals("https://gw.example/api/generate", info.get("uri").asText());
        assertTrue(info.get("nonce").asText().matches("[0-9a-f]{58}"), info.toString());
        assertFalse(info.get("nonce").asText().equals(two.get("extensions").get("sign-in-with-x").get("info").get("nonce").asText()));
        assertEquals(one.get("accepts"), two.get("accepts"));
        assertSame(first.body(), second.body());
        assertEquals(1, signing.kept(), "kept once, filled per 402");
        JsonNode refused = Json.parse(new String(Base64.getDecoder().decode(signing.refused(sora("{}", "3.50"),
                new Refusal("x", "x", "y")).paymentRequired()), StandardCharsets.UTF_8));
        assertTrue(refused.get("extensions").get("sign-in-with-x").get("info").get("nonce").asText().matches("[0-9a-f]{58}"));
    }
}
