package dev.videogate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.RawHttp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The web page and its files over HTTP; browsers on the API are sent to it; programs are answered as before. */
class WebPageIsServedTest extends GatewayTest {

    @Test
    void theRootIsThePageWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = gateway.get("/");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("src=\"/web/app.js\""), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'none'"), policy);
        assertFalse(policy.contains("http"), "no external origin: " + policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void filesHaveTheirTypeAndAnUnchangedOneIsNotSentAgain() throws Exception {
        HttpResponse<String> script = gateway.get("/web/app.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> style = gateway.get("/web/style.css");
        assertEquals("text/css; charset=utf-8", style.headers().firstValue("Content-Type").orElseThrow());
        String etag = style.headers().firstValue("ETag").orElseThrow();
        assertEquals("no-cache", style.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> again = gateway.get("/web/style.css", Map.of("If-None-Match", etag));

        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/web/../application.properties", "/web/%2e%2e/application.properties", "/web/..%2fpom.xml",
            "/web/src/main.js", "/web/package.json", "/web/node_modules/viem/package.json", "/web/.gitignore",
            "/web/index.html%00.css", "/web/", "/web/nothing.css", "/webapp.js", "/api/nothing"})
    void nothingElseIsServed(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "GET", path, Map.of(), null);

        assertTrue(answer.status() == 404 || answer.status() == 400, path + " -> " + answer.status() + " " + answer.body());
        assertTrue(Json.parse(answer.body()).has("error"), "the API's JSON error: " + answer.body());
        assertFalse(answer.body().contains("camel."), "no file content: " + answer.body());
    }

    /** The README's sandbox run (payment off): a browser without any wallet buys, plays and seeks a video. */
    @Test
    void withPaymentOffNoWalletIsNeeded() throws Exception {
        kie.setVideoContent(Files.readAllBytes(BrowserRun.CLIP));
        long before = rows();

        JsonNode bought = BrowserRun.run("free", "--visits", "free", "--url", gateway.url("/"), "--model", "kling-2.6").get("buy");

        assertEquals("$0.60", bought.get("price").asText(), bought.toString());
        assertTrue(bought.get("status").asText().startsWith("Your video is ready (gen_"), bought.toString());
        assertEquals(4.0, bought.get("video").get("duration").asDouble(), 0.2, bought.toString());
        assertEquals(before + 1, rows(), "one generation");
        // no wallet pays here, and signing in would need an unpaid order that payment-off fulfils: no "My videos"
        assertTrue(gateway.get("/api/generations").statusCode() != 404, "the endpoint is there all the same");
        assertFalse(bought.get("myVideosShown").asBoolean(), "\"My videos\" is not offered with payment off");
        assertEquals(0, bought.get("errors").size(), "no script error, no CSP violation: " + bought.get("errors"));
    }

    @Test
    void aBrowserOpeningThePaidEndpointIsSentToThePage() throws Exception {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

        HttpResponse<String> opened = gateway.get("/api/generate", Map.of("Accept", browser));
        HttpResponse<String> withModel = gateway.get("/api/generate?model=kling-2.6", Map.of("Accept", browser));
        HttpResponse<String> form = gateway.post("/api/generate", "{}", Map.of("Accept", browser));

        assertEquals(303, opened.statusCode());
        assertEquals("/", opened.headers().firstValue("Location").orElseThrow());
        assertEquals("/?model=kling-2.6", withModel.headers().firstValue("Location").orElseThrow());
        assertEquals(303, form.statusCode());
        assertEquals(200, gateway.get(opened.headers().firstValue("Location").orElseThrow()).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/json", "application/json, text/html"})
    void programsAreAnsweredAsBefore(String accept) throws Exception {
        Map<String, String> headers = accept.isEmpty() ? Map.of() : Map.of("Accept", accept);

        HttpResponse<String> get = gateway.get("/api/generate", headers);
        HttpResponse<String> post = gateway.post("/api/generate", "{\"model\":\"sora-2\"}", headers);

        assertEquals(405, get.statusCode(), get.body());
        assertEquals("method_not_allowed", Json.parse(get.body()).get("error").asText());
        assertEquals(400, post.statusCode(), post.body());
        assertEquals("application/json", post.headers().firstValue("Content-Type").orElseThrow());
    }
}
