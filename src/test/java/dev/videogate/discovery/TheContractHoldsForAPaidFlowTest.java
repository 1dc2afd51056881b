package dev.videogate.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.client.ApiClient;
import dev.videogate.client.ApiException;
import dev.videogate.client.api.DefaultApi;
import dev.videogate.client.model.GenerateRequest;
import dev.videogate.client.model.GenerationAccepted;
import dev.videogate.client.model.GenerationStatus;
import dev.videogate.client.model.ModelList;
import dev.videogate.client.model.PaymentChallenge;
import dev.videogate.client.model.Sora2;
import dev.videogate.support.Await;
import dev.videogate.support.ContractCheck;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is a contract a client can rely on, shown on a paid flow against the bundle (sandbox Kie.ai,
 * the local x402 network): a Java client generated from it in the build (openapi-generator, native, Jackson) lists the
 * models, sees the 402 as a typed PaymentChallenge, pays, long-polls and reads the status; and each answer of a flow
 * made with plain HTTP, success and error, matches the document's schema for its operation and status. (Every answer of
 * the whole test run is checked the same way when it ends: support/AnswersMatchTheContract.)
 */
class TheContractHoldsForAPaidFlowTest extends PaidGatewayTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ContractCheck contract;
    private ApiClient client;
    private DefaultApi api;

    /** The bundle is up once a test runs (not yet in @BeforeAll): read its document then. */
    @BeforeEach
    void readTheDocument() throws Exception {
        contract = new ContractCheck(Json.parse(gateway.get("/api/openapi.json").body()));
        client = new ApiClient();
        client.updateBaseUri(gateway.url(""));
        client.setReadTimeout(Duration.ofSeconds(60));
        api = new DefaultApi(client);
    }

    @Test
    void theGeneratedClientRunsThePaidFlow() throws Exception {
        ModelList models = api.listModels();
        assertTrue(models.getModels().stream().anyMatch(m -> "sora-2".equals(m.getModel())), "sora-2 is on sale");

        GenerateRequest request = new GenerateRequest(new Sora2().model(Sora2.ModelEnum.SORA_2).prompt("A lighthouse in a storm at dusk"));
        ApiException unpaid = assertThrows(ApiException.class, () -> api.generate(request, null, null, null));
        assertEquals(402, unpaid.getCode());
        PaymentChallenge challenge = client.getObjectMapper().readValue(unpaid.getResponseBody(), PaymentChallenge.class);
        assertEquals(0, challenge.getPrice().compareTo(new java.math.BigDecimal("3.50")), "the typed 402 carries the price");
        assertEquals("payment_required", challenge.getCode().getValue());

        String payment = pay(unpaid.getResponseHeaders().firstValue("PAYMENT-REQUIRED").orElseThrow(), 1);
        GenerationAccepted accepted = api.generate(request, payment, null, null);
        assertEquals(GenerationAccepted.StateEnum.PROCESSING, accepted.getState());
        assertNotNull(accepted.getAccessToken(), "a paid answer carries the token that reads it");

        Map<String, String> bearer = Map.of("Authorization", "Bearer " + accepted.getAccessToken());
        ApiException withoutToken = assertThrows(ApiException.class, () -> api.generationStatus(accepted.getGenerationId(), false));
        assertEquals(401, withoutToken.getCode());
        AtomicReference<GenerationStatus> last = new AtomicReference<>();
        Await.until("the generation completes (long-poll)", Duration.ofSeconds(60), () -> {
            last.set(api.generationStatus(accepted.getGenerationId(), true, bearer));
            return last.get().getState() == GenerationStatus.StateEnum.COMPLETED;
        }, () -> String.valueOf(last.get()));
        GenerationStatus done = last.get();
        assertTrue(done.getSuccess());
        assertNotNull(done.getResult(), "a completed generation has its video URL");
        assertEquals(GenerationStatus.StateEnum.COMPLETED, api.generationStatus(accepted.getGenerationId(), false, bearer).getState());
    }

    @Test
    void everyAnswerOfAFlowMatchesTheDocument() throws Exception {
        check("GET", "/api/models", null, Map.of());
        check("GET", "/api/openapi.json", null, Map.of());
        check("GET", "/.well-known/x402", null, Map.of());
        HttpResponse<String> unpaid = check("POST", "/api/generate", Json.request("A harbour at night, rain on the water"), Map.of());
        assertEquals(402, unpaid.statusCode());
        assertEquals(400, check("POST", "/api/generate", "{not json", Map.of()).statusCode());
        assertEquals(400, check("POST", "/api/generate", "{\"model\":\"no-such-model\",\"prompt\":\"A quiet harbour\"}", Map.of()).statusCode());
        assertEquals(404, check("GET", "/api/generate/gen_1796000000000_nosuchgeneration000", null, Map.of()).statusCode());
        assertEquals(405, check("DELETE", "/api/generate", null, Map.of()).statusCode());
        assertEquals(404, check("GET", "/api/no-such-endpoint", null, Map.of()).statusCode());
        assertEquals(400, check("POST", "/api/callback", "{}", Map.of()).statusCode());
        assertEquals(404, check("GET", "/api/admin/refunds", null, Map.of()).statusCode(), "no admin token: hidden");

        String payment = pay(unpaid.headers().firstValue("PAYMENT-REQUIRED").orElseThrow(), 2);
        HttpResponse<String> paid = check("POST", "/api/generate", Json.request("A harbour at night, rain on the water"),
                Map.of("PAYMENT-SIGNATURE", payment));
        assertEquals(200, paid.statusCode(), paid.body());
        JsonNode accepted = Json.parse(paid.body());
        String id = accepted.get("generationId").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + accepted.get("accessToken").asText());
        assertEquals(401, check("GET", "/api/generate/" + id, null, Map.of()).statusCode());
        AtomicReference<HttpResponse<String>> polled = new AtomicReference<>();
        Await.until("our copy of the video is stored (long-poll)", Duration.ofSeconds(60), () -> {
            polled.set(check("GET", "/api/generate/" + id + "?poll=true", null, bearer));
            return Json.parse(polled.get().body()).path("storage").path("status").asText().equals("stored");
        }, () -> polled.get().body());
        assertEquals(200, check("GET", "/api/generate/" + id + "/files/0", null, bearer).statusCode());
        Map<String, String> range = new HashMap<>(bearer);
        range.put("Range", "bytes=0-9");
        assertEquals(206, check("GET", "/api/generate/" + id + "/files/0", null, range).statusCode());
        assertEquals(404, check("GET", "/api/generate/" + id + "/files/7", null, bearer).statusCode());
    }

    /** The check can fail: an answer off the document is named as such. */
    @Test
    void anAnswerOffTheDocumentIsCaught() {
        assertNotNull(contract.violation(new ContractCheck.Answer("GET", "/api/generate/gen_1", 200, "application/json",
                "{\"generationId\":\"gen_1\",\"state\":\"done\",\"success\":true}", false)), "a state the document does not list");
        assertNotNull(contract.violation(new ContractCheck.Answer("POST", "/api/generate", 418, "application/json",
                "{\"success\":false,\"error\":\"not_found\",\"message\":\"x\"}", false)), "a status the document does not list");
        assertNotNull(contract.violation(new ContractCheck.Answer("GET", "/api/models", 400, "application/json",
                "{\"success\":false,\"error\":\"no_such_code\",\"message\":\"x\"}", false)), "a code outside the enum");
        assertNotNull(contract.violation(new ContractCheck.Answer("GET", "/api/generate/gen_1/files/0", 200, "text/html",
                "<html>", false)), "a Content-Type the document does not give");
        assertNull(contract.violation(new ContractCheck.Answer("GET", "/api/models", 400, "application/json",
                "{\"success\":false,\"error\":\"credentials_in_query\",\"message\":\"x\"}", false)));
    }

    /** Sends the request, asserts its answer matches the document, returns it. */
    private HttpResponse<String> check(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = answer.headers().firstValue("Content-Type").orElse(null);
        boolean text = type != null && (type.contains("json") || type.startsWith("text/"));
        String content = text ? new String(answer.body(), StandardCharsets.UTF_8) : null;
        String violation = contract.violation(new ContractCheck.Answer(method, path, answer.statusCode(), type, content, false));
        assertNull(violation, method + " " + path + " -> " + answer.statusCode());
        return new StringAnswer(answer, content);
    }

    /** A payment for the challenge's v2 requirement, signed by test payer i of the local network. */
    private String pay(String paymentRequiredHeader, int payer) throws Exception {
        JsonNode requirement = Json.parse(new String(Base64.getDecoder().decode(paymentRequiredHeader), StandardCharsets.UTF_8))
                .get("accepts").get(0);
        return x402.sign("--version", "2", "--key", x402.payerKey(payer), "--requirements", requirement.toString(),
                "--resource", gateway.url("/api/generate")).get("header").asText();
    }

    private record StringAnswer(HttpResponse<byte[]> raw, String body) implements HttpResponse<String> {
        public int statusCode() { return raw.statusCode(); }
        public HttpRequest request() { return raw.request(); }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return raw.headers(); }
        public URI uri() { return raw.uri(); }
        public HttpClient.Version version() { return raw.version(); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return raw.sslSession(); }
    }
}
