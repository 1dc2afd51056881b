package dev.videogate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.PaidGatewayTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A person buys a video on the web page, in a real browser (Debian's headless Chromium driven by puppeteer-core,
 * src/test/browser/buy-video.mjs) with a test wallet injected into the page: the payment goes through the official x402
 * client and the local chain, the payer's USDC moves by exactly the price shown, the video plays and seeks. A payer
 * with too little USDC, a wallet that refuses to sign, and a buyer of a model Kie.ai has paused, each see their
 * message and pay nothing. A later visit by the payer finds the video again in "My videos" by signing in with the
 * wallet (sign-in-with-x), and plays it; another wallet finds nothing.
 * Screenshots: target/web/*.png (docs/img/web-page.png is one of them, copied by hand).
 */
class WebPageBuysAVideoTest extends PaidGatewayTest {

    @Test
    void aPersonBuysAVideoWithABrowserWallet() throws Exception {
        kie.setVideoContent(Files.readAllBytes(BrowserRun.CLIP)); // a real, playable video as Kie.ai's result
        kie.pauseModel("kling-2.6/text-to-video"); // the gateway learns it when someone buys kling-2.6
        String payer = x402.payerAddress(0);
        // an earlier purchase by the same wallet, outside the page: "My videos" lists it second (newest first)
        JsonNode earlier = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("An earlier video"));
        assertEquals(200, earlier.get("status").asInt(), earlier.toString());
        String earlierId = earlier.at("/body/generationId").asText();
        LocalX402Network.Payer poor = x402.fund(BigInteger.valueOf(1_000_000)); // 1 USDC, the price is 3.50
        BigInteger payerBefore = x402.balance(payer);
        BigInteger payToBefore = x402.balance(x402.payTo());

        String cases = "[{\"model\":\"kling-2.6\",\"options\":{\"duration\":\"10\",\"sound\":true}},"
                + "{\"model\":\"seedance-2\",\"options\":{\"duration\":7,\"generate_audio\":false}}]";
        List<String> quoted = new ArrayList<>(); // the gateway's own price for each case: its 402's
        for (JsonNode c : Json.parse(cases)) {
            ObjectNode body = ((ObjectNode) c.deepCopy()).put("prompt", "a price check");
            HttpResponse<String> challenge = gateway.post("/api/generate", body.toString());
            assertEquals(402, challenge.statusCode(), challenge.body());
            quoted.add(Json.parse(challenge.body()).get("price").asText());
        }

        JsonNode seen = BrowserRun.run("paid", "--url", gateway.url("/"), "--key", x402.payerKey(0), "--poor-key", poor.key(),
                "--model", "sora-2", "--paused-model", "kling-2.6", "--price-cases", cases,
                "--my-page-size", "1");

        JsonNode models = Json.parse(gateway.get("/api/models").body()).get("models");
        assertTrue(models.size() >= 12);
        for (JsonNode model : models) {
            String name = model.get("model").asText();
            assertEquals(0, new BigDecimal(model.get("defaultPriceUsd").asText()).compareTo(shown(seen.at("/prices/defaults/" + name))),
                    name + ": the page's price is the gateway's");
        }
        for (int i = 0; i < quoted.size(); i++) {
            assertEquals(0, new BigDecimal(quoted.get(i)).compareTo(shown(seen.at("/prices/cases/" + i))),
                    "with options the page's price is the 402's: " + quoted + " " + seen.get("prices"));
        }

        JsonNode bought = seen.get("buy");
        assertEquals("$3.50", bought.get("price").asText(), bought.toString());
        assertEquals("Pay $3.50 USDC and generate", bought.get("button").asText());
        assertTrue(bought.get("status").asText().startsWith("Your video is ready (gen_"), bought.toString());
        assertEquals(payerBefore.subtract(PRICE), x402.balance(payer), "the payer paid exactly the price shown");
        assertEquals("[\"TransferWithAuthorization\"]", bought.get("signed").toString(), "one signature, an EIP-3009 transfer");
        double duration = bought.get("video").get("duration").asDouble();
        assertTrue(duration > 1, "the video plays: " + bought);
        assertEquals(duration / 2, bought.get("video").get("seekedTo").asDouble(), 0.5, "and seeks: " + bought);
        assertTrue(bought.get("download").get("href").asText().startsWith("blob:"), bought.toString());
        assertTrue(bought.get("phoneFits").asBoolean(), "no sideways scrolling on a phone");
        boolean listing = gateway.get("/api/generations").statusCode() != 404;
        assertEquals(listing, bought.get("myVideosShown").asBoolean(), "\"My videos\" shown where GET /api/generations exists (and payment is on)");
        assertEquals(0, bought.get("errors").size(), "no script error, no CSP violation: " + bought.get("errors"));

        // a fresh visit, no token in memory: the payer signs in and finds the video it bought, and plays it
        String boughtId = bought.get("status").asText().replaceAll(".*\\((gen_[^)]+)\\).*", "$1");
        JsonNode mine = seen.get("mine");
        assertEquals(2, mine.get("listed").size(), mine.toString());
        assertEquals(boughtId, mine.at("/listed/0/id").asText(), "newest first: the video bought on the page: " + mine);
        assertEquals(earlierId, mine.at("/listed/1/id").asText(), "then the earlier one, on the next page: " + mine);
        assertTrue(mine.at("/listed/0/text").asText().contains("sora-2 · ready"), mine.toString());
        assertEquals(2, mine.get("pages").asInt(), "a page of one, then \"Older videos\" once: " + mine);
        assertEquals(2, mine.get("signedForList").asInt(), "one signature per page read: " + mine);
        assertEquals("[\"personal_sign\",\"personal_sign\",\"personal_sign\"]", mine.get("signed").toString(),
                "one more opens the file (each proof is good once); never a payment");
        assertTrue(mine.at("/video/duration").asDouble() > 1, "the video plays from the list: " + mine);
        assertEquals("blob:", mine.at("/video/src").asText());
        assertEquals("Your video is ready (" + boughtId + ").", mine.get("status").asText());
        assertEquals(0, mine.get("errors").size(), "no script error: " + mine.get("errors"));

        JsonNode other = seen.get("other");
        assertEquals(0, other.get("listed").size(), "another wallet sees none of them: " + other);
        assertEquals("No videos paid for by this wallet yet.", other.get("listStatus").asText());
        assertEquals("[\"personal_sign\"]", other.get("signed").toString());
        assertEquals(0, other.get("errors").size(), "no script error: " + other.get("errors"));
        JsonNode refusedSignIn = seen.get("mineRejected");
        assertEquals(0, refusedSignIn.get("listed").size(), refusedSignIn.toString());
        assertTrue(refusedSignIn.get("listStatus").asText().startsWith("You rejected the signature"), refusedSignIn.toString());

        JsonNode tooPoor = seen.get("poor");
        assertTrue(tooPoor.get("status").asText().contains("does not hold enough USDC"), tooPoor.toString());
        assertFalse(tooPoor.get("resultShown").asBoolean());
        assertEquals(BigInteger.valueOf(1_000_000), x402.balance(poor.address()), "the poor payer paid nothing");

        JsonNode rejected = seen.get("reject");
        assertTrue(rejected.get("status").asText().startsWith("You rejected the signature"), rejected.toString());

        JsonNode paused = seen.get("paused");
        assertTrue(paused.get("status").asText().startsWith("This model is paused at the provider"), paused.toString());
        assertTrue(paused.get("atOnce").asBoolean(), "shown as paused at once: " + paused);
        assertTrue(paused.get("afterReload").get("notice").asText().startsWith("kling-2.6 is paused at the provider"), paused.toString());
        assertTrue(paused.get("afterReload").get("payDisabled").asBoolean(), "a paused model is not offered for sale");
        assertEquals(payerBefore.subtract(PRICE), x402.balance(payer), "the paused model cost the payer nothing");
        assertEquals(payToBefore.add(PRICE), x402.balance(x402.payTo()), "payTo received the one price, nothing else");

        // a video still in progress: found in "My videos" and followed (one more signature) until it is ready
        LocalX402Network.Payer follower = x402.fund(PRICE);
        JsonNode slow = x402.pay("v2", gateway.url("/api/generate"), follower.key(), Json.request("A slow tide [sim:slow:20000]"));
        assertEquals(200, slow.get("status").asInt(), slow.toString());
        JsonNode follow = BrowserRun.run("follow", "--visits", "follow", "--url", gateway.url("/"), "--key", follower.key()).get("follow");
        assertTrue(follow.at("/before/text").asText().contains("generating"), follow.toString());
        assertEquals("Follow", follow.at("/before/button").asText(), follow.toString());
        assertTrue(follow.at("/after/text").asText().contains("sora-2 · ready"), follow.toString());
        assertEquals(1, follow.get("signedForFollow").asInt(), "one signature for the whole wait: " + follow);
        assertTrue(follow.get("status").asText().endsWith("is ready."), follow.toString());
        assertEquals(0, follow.get("errors").size(), "no script error: " + follow.get("errors"));
    }

    /** "$2.40", or "$0.25 (0.248)" where cents do not say it exactly: the exact amount. */
    private static BigDecimal shown(JsonNode price) {
        String text = price.asText();
        int exact = text.indexOf('(');
        return new BigDecimal(exact < 0 ? text.substring(1) : text.substring(exact + 1, text.indexOf(')')));
    }
}
