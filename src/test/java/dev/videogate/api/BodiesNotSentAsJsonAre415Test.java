package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JSON body sent as a form (curl's -d without -H 'Content-Type: application/json'), as text, or with no Content-Type
 * is answered 415 unsupported_media_type naming application/json, not "invalid JSON"; nothing is written or started.
 * Kie.ai's callback is the exception: its Content-Type is not documented, and a real callback is never refused for it
 * (a form-encoded one is not readable at all: platform-http takes such a body apart as form fields).
 */
class BodiesNotSentAsJsonAre415Test extends GatewayTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Map<String, String> settings() {
        return AdminApi.SETTINGS;
    }

    @Test
    void aGenerateBodySentAsAFormOrTextOrWithoutAContentTypeIs415() throws Exception {
        long rowsBefore = rows();
        int tasksBefore = kie.createTaskCalls();
        for (String contentType : new String[] {"application/x-www-form-urlencoded", "text/plain", null, "multipart/form-data; boundary=x"}) {
            HttpResponse<String> answer = post("/api/generate", contentType, Json.request("sent the wrong way"), null);
            assertEquals(415, answer.statusCode(), contentType + ": " + answer.body());
            JsonNode error = Json.parse(answer.body());
            assertEquals("unsupported_media_type", error.get("error").asText(), answer.body());
            assertTrue(error.get("message").asText().contains("application/json"), answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
        assertEquals(rowsBefore, rows(), "nothing written");
        assertEquals(tasksBefore, kie.createTaskCalls(), "nothing started");
    }

    @Test
    void jsonWithACharsetOrAPlusJsonTypeIsTaken() throws Exception {
        for (String contentType : new String[] {"application/json; charset=utf-8", "Application/JSON", "application/vnd.api+json"}) {
            HttpResponse<String> answer = post("/api/generate", contentType, Json.request("sent as json: " + contentType), null);
            assertEquals(200, answer.statusCode(), contentType + ": " + answer.body());
        }
    }

    @Test
    void theRefundRecordTakesJsonOnlyAndOnlyItsOneField() throws Exception {
        String body = "{\"refundTx\":\"0x" + "ab".repeat(32) + "\"}";
        HttpResponse<String> form = post("/api/admin/refunds/gen_1700000000000_abcdefabcdefabcdefab", "application/x-www-form-urlencoded", body, AdminApi.TOKEN);
        assertEquals(415, form.statusCode(), form.body());
        assertEquals("unsupported_media_type", Json.parse(form.body()).get("error").asText());
        HttpResponse<String> extra = post("/api/admin/refunds/gen_1700000000000_abcdefabcdefabcdefab", "application/json",
                "{\"refundTx\":\"0x" + "ab".repeat(32) + "\",\"amount\":1}", AdminApi.TOKEN);
        assertEquals(400, extra.statusCode(), extra.body());
        assertEquals("invalid_field", Json.parse(extra.body()).get("error").asText(), extra.body());
        HttpResponse<String> noToken = post("/api/admin/refunds/gen_1700000000000_abcdefabcdefabcdefab", "text/plain", body, null);
        assertEquals(401, noToken.statusCode(), "the token is checked first: " + noToken.body());
    }

    @Test
    void kiesCallbackIsTakenWhateverItsContentType() throws Exception {
        String taskId = create("called back as text [sim:no-callback]").get("kieTaskId").asText();
        Await.until("Kie.ai finished it", Duration.ofSeconds(10), () -> kie.task(taskId).state().equals("success"));
        for (String contentType : new String[] {"application/json", "text/plain", null}) {
            HttpResponse<String> answer = post("/api/callback", contentType, kie.callbackBody(taskId), null);
            assertEquals(200, answer.statusCode(), contentType + ": " + answer.body());
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
