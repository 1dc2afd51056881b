package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request gets a JSON error with the right status and changes nothing: no row, no Kie.ai task. */
class BadInputIsRejectedTest extends GatewayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON                 | {"model":"sora-2",                                                   | 400 | invalid_json
            not an object                  | ["sora-2"]                                                           | 400 | invalid_json
            empty body                     | ' '                                                                  | 400 | invalid_json
            missing model                  | {"prompt":"a cat"}                                                   | 400 | missing_field
            model not a string             | {"model":2,"prompt":"a cat"}                                         | 400 | invalid_field
            unknown model                  | {"model":"sora-9","prompt":"a cat"}                                  | 400 | unknown_model
            missing prompt                 | {"model":"sora-2"}                                                   | 400 | missing_field
            prompt not a string            | {"model":"sora-2","prompt":42}                                       | 400 | invalid_field
            empty prompt                   | {"model":"sora-2","prompt":"   "}                                    | 400 | invalid_field
            wrong type                     | {"model":"sora-2","prompt":"a cat","type":"image"}                   | 400 | invalid_field
            options not an object          | {"model":"sora-2","prompt":"a cat","options":"big"}                  | 400 | invalid_field
            bad aspect ratio               | {"model":"sora-2","prompt":"a cat","options":{"aspect_ratio":"square"}} | 400 | invalid_field
            n_frames as a number           | {"model":"sora-2","prompt":"a cat","options":{"n_frames":10}}        | 400 | invalid_field
            n_frames out of range          | {"model":"sora-2","prompt":"a cat","options":{"n_frames":"20"}}      | 400 | invalid_field
            watermark not boolean          | {"model":"sora-2","prompt":"a cat","options":{"remove_watermark":"yes"}} | 400 | invalid_field
            unknown option                 | {"model":"sora-2","prompt":"a cat","options":{"seed":1}}             | 400 | invalid_field
            unknown top-level field        | {"model":"sora-2","prompt":"a cat","aspect_ratio":"portrait"}        | 400 | invalid_field
            misspelt top-level field       | {"model":"sora-2","prompt":"a cat","option":{"n_frames":"15"}}       | 400 | invalid_field
            """)
    void rejects(String name, String body, int status, String code) throws Exception {
        int createsBefore = kie.createTaskCalls();
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode error = Json.parse(answer.body());
        assertFalse(error.get("success").asBoolean());
        assertEquals(code, error.get("error").asText(), answer.body());
        assertFalse(error.get("message").asText().isBlank());
        assertEquals(0, rows(), "no generation row");
        assertEquals(createsBefore, kie.createTaskCalls(), "no Kie.ai task");
    }

    @Test
    void rejectsOverLongPrompt() throws Exception {
        String body = Json.request("x".repeat(10_001));
        HttpResponse<String> answer = gateway.post("/api/generate", body);
        assertEquals(400, answer.statusCode());
        assertTrue(Json.parse(answer.body()).get("message").asText().contains("10001"), answer.body());
        assertEquals(0, rows());
    }

    @Test
    void rejectsOversizedBodyWithJson413() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("y".repeat(70_000)));
        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals("body_too_large", Json.parse(answer.body()).get("error").asText());
        assertEquals(0, rows());
        assertEquals(0, kie.createTaskCalls());
    }

    @Test
    void unknownGenerationIdIs404() throws Exception {
        for (String id : new String[] {"gen_1700000000000_abcdefabcdefabcdefab", "nope", "gen_1_%27%20OR%201%3D1"}) {
            HttpResponse<String> answer = gateway.get("/api/generate/" + id + "?poll=false");
            assertEquals(404, answer.statusCode(), id + " " + answer.body());
            assertEquals("not_found", Json.parse(answer.body()).get("error").asText());
        }
        HttpResponse<String> held = gateway.get("/api/generate/gen_1700000000000_abcdefabcdefabcdefab?poll=true");
        assertEquals(404, held.statusCode(), "a long-poll for an unknown id answers at once");
    }
}
