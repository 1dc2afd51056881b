package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kie.ai's createTask errors become clear caller errors; the key never shows; no row is left behind. (A 429 is not an
 * error: the generation is queued, see queue/OverTheRateIsQueuedTest.)
 */
class UpstreamErrorsAreMappedTest extends GatewayTest {

    @Override
    protected java.util.Map<String, String> settings() {
        // each case stands alone: a "paused" answer must not keep refusing the cases after it
        return java.util.Map.of("app.models.pause-ms", "1");
    }

    @ParameterizedTest(name = "Kie.ai {0}/{1} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            401 | 401 | You do not have access permissions           | 502 | upstream_auth_failed
            200 | 402 | The current credits are insufficient.        | 503 | upstream_out_of_credits
            200 | 422 | prompt is invalid                            | 422 | upstream_rejected_input
            200 | 455 | Service unavailable                          | 503 | upstream_maintenance
            500 | 500 | Server error                                 | 502 | upstream_error
            200 | 500 | This interface is temporarily paused         | 503 | model_paused
            200 | 501 | Generation failed                            | 502 | upstream_error
            """)
    void mapsCreateTaskError(int httpStatus, int code, String msg, int expectedStatus, String expectedCode) throws Exception {
        kie.failNextCreates(1, httpStatus, code, msg);
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("a fox in the snow"));
        assertEquals(expectedStatus, answer.statusCode(), answer.body() + " " + answer.headers().map());
        JsonNode error = Json.parse(answer.body());
        assertEquals(expectedCode, error.get("error").asText(), answer.body());
        assertFalse(answer.body().contains(kie.apiKey()), "the API key never reaches the caller");
        assertEquals(0, rows(), "the row written before createTask is gone");
    }
}
