package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Image URLs a caller passes are forwarded to Kie.ai only when https, on a public address, and bounded. */
class MediaInputsAreSafeTest extends GatewayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[\"http://93.184.216.34/a.png\"]                 | invalid_media_url",
            "[\"https://127.0.0.1/a.png\"]                    | invalid_media_url",
            "[\"https://10.1.2.3/a.png\"]                     | invalid_media_url",
            "[\"https://169.254.169.254/latest/meta-data\"]   | invalid_media_url",
            "[\"https://[::1]/a.png\"]                        | invalid_media_url",
            "[\"https://localhost/a.png\"]                    | invalid_media_url",
            "[\"https://metadata.google.internal/a\"]         | invalid_media_url",
            "[\"https://2130706433/a.png\"]                   | invalid_media_url",
            "[\"https://user:pw@93.184.216.34/a.png\"]        | invalid_media_url",
            "[\"https://93.184.216.34/a.png\",\"https://93.184.216.35/b.png\"] | invalid_field",
            "[]                                               | invalid_field",
            "\"https://93.184.216.34/a.png\"                  | invalid_field",
    })
    void unsafeOrUnboundedImagesAreRefusedBeforeAnything(String urls, String code) throws Exception {
        int creates = kie.createTaskCalls();
        long written = rows();
        HttpResponse<String> answer = gateway.post("/api/generate",
                "{\"model\":\"kling-2.6-image-to-video\",\"prompt\":\"A kite\",\"options\":{\"image_urls\":" + urls + "}}");
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(code, Json.parse(answer.body()).get("error").asText(), answer.body());
        assertEquals(creates, kie.createTaskCalls(), "Kie.ai never sees it");
        assertEquals(written, rows(), "nothing written");
    }

    @Test
    void aPublicHttpsImageGoesThrough() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate",
                "{\"model\":\"kling-2.6-image-to-video\",\"prompt\":\"A kite\",\"options\":{\"image_urls\":[\"https://93.184.216.34/kite.png\"]}}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode sent = kie.lastCreateRequest().body();
        assertEquals("https://93.184.216.34/kite.png", sent.at("/input/image_urls/0").asText());
    }

    @Test
    void aMissingRequiredImageIsNamed() throws Exception {
        HttpResponse<String> answer = gateway.post("/api/generate", "{\"model\":\"kling-2.6-image-to-video\",\"prompt\":\"A kite\"}");
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("missing_field", Json.parse(answer.body()).get("error").asText());
    }
}
