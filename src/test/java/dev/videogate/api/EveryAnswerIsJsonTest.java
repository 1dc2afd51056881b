package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever answers (a route, the router, the HTTP codec), the caller gets the API's JSON error shape. */
class EveryAnswerIsJsonTest extends GatewayTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT     | /api/generate            | 405 | method_not_allowed | POST
            DELETE  | /api/generate/gen_x      | 405 | method_not_allowed | GET
            GET     | /api/generate            | 405 | method_not_allowed | POST
            GET     | /api/callback            | 405 | method_not_allowed | POST
            PATCH   | /api/callback            | 405 | method_not_allowed | POST
            POST    | /                        | 405 | method_not_allowed | GET
            GET     | /web/nothing.css         | 404 | not_found          |
            GET     | /nothing-here            | 404 | not_found          |
            GET     | /api/generate/../../x    | 404 | not_found          |
            GET     | /api/nothing-here        | 404 | not_found          |
            POST    | /api                     | 404 | not_found          |
            GET     | /api/generate/%zz        | 400 | invalid_request    |
            GET     | /api/admin/refunds       | 404 | not_found          |
            """)
    void routerAnswersAreJson(String method, String path, int status, String code, String allow) throws Exception {
        RawHttp.Answer answer = RawHttp.send(gateway.port(), method, path, Map.of(), null);
        assertJsonError(answer, status, code);
        if (allow != null) {
            assertEquals(allow, answer.header("Allow"), "405 names the methods that are served");
        }
    }

    @Test
    void overLongRequestLineIs414Json() throws Exception {
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "GET", "/api/generate/" + "a".repeat(10_000), Map.of(), null);
        assertJsonError(answer, 414, "uri_too_long");
    }

    @Test
    void oversizedHeadersAre431Json() throws Exception {
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/generate",
                Map.of("PAYMENT-SIGNATURE", "x".repeat(32 * 1024)), Json.request("a cat"));
        assertJsonError(answer, 431, "headers_too_large");
        assertEquals(0, rows());
    }

    @Test
    void jsonNestedPastTheParserLimitIsInvalidJson() throws Exception {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/generate", Map.of(),
                "{\"model\":\"sora-2\",\"prompt\":\"a cat\",\"options\":" + deep + "}");
        assertJsonError(answer, 400, "invalid_json");
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    @Test
    void deeplyNestedCallbackIsInvalidJson() throws Exception {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/callback", Map.of(), deep);
        assertJsonError(answer, 400, "invalid_json");
    }

    @Test
    void bodyOverTheLimitIs413Json() throws Exception {
        RawHttp.Answer answer = RawHttp.send(gateway.port(), "POST", "/api/generate", Map.of(), "x".repeat(70_000));
        assertJsonError(answer, 413, "body_too_large");
    }

    @Test
    void chunkedBodyOverTheLimitIs413Json() throws Exception {
        RawHttp.Answer answer = RawHttp.sendChunked(gateway.port(), "POST", "/api/generate", Json.request("z".repeat(70_000)));
        assertJsonError(answer, 413, "body_too_large");
        assertEquals(0, rows());
    }

    static void assertJsonError(RawHttp.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        assertNotNull(answer.header("Content-Type"), "has a Content-Type");
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        JsonNode error = Json.parse(answer.body());
        assertFalse(error.get("success").asBoolean());
        assertEquals(code, error.get("error").asText(), answer.body());
        assertFalse(error.get("message").asText().isBlank());
    }
}
