package dev.videogate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.AdminApi;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.LogCapture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials come from request headers only. platform-http turns query parameters into headers, so
 * ?Authorization=Bearer%20… used to open the admin endpoints (and put the token in every access log on the way): a
 * credential in the URL is now a 400 before anything reads it, and no query parameter passes for a header at all.
 */
class CredentialsOnlyInHeadersTest extends GatewayTest {

    @Override
    protected Map<String, String> settings() {
        return AdminApi.SETTINGS;
    }

    @Test
    void theAdminBearerInTheQueryOpensNothing() throws Exception {
        HttpResponse<String> answer = gateway.get("/api/admin/refunds?Authorization=" + encode("Bearer " + AdminApi.TOKEN));
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("credentials_in_query", Json.parse(answer.body()).get("error").asText(), answer.body());
        assertEquals(200, AdminApi.call(gateway, "GET", "/api/admin/refunds", AdminApi.TOKEN, null).statusCode(), "as a header it works");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Authorization", "authorization", "PAYMENT-SIGNATURE", "X-PAYMENT", "Idempotency-Key",
            "X-Webhook-Signature", "X-Webhook-Timestamp", "accessToken", "access_token"})
    void everyEndpointRefusesACredentialInTheQueryWithoutLoggingIt(String name) throws Exception {
        String id = create("a key left in the door").get("generationId").asText();
        String secret = "query-secret-" + UUID.randomUUID();
        String query = "?" + encode(name) + "=" + encode("Bearer " + secret);
        List<String> answers = new ArrayList<>();
        String logs;
        try (LogCapture capture = LogCapture.open()) {
            answers.add(refused(gateway.get("/api/generate/" + id + query)));
            answers.add(refused(gateway.get("/api/generate/" + id + query + "&poll=true")));
            answers.add(refused(gateway.post("/api/generate" + query, Json.request("paid by the URL"),
                    Map.of("Idempotency-Key", "idempotency-" + UUID.randomUUID()))));
            answers.add(refused(gateway.post("/api/callback" + query + "&generation=" + id, "{\"code\":200,\"data\":{\"taskId\":\"t\"}}")));
            answers.add(refused(gateway.get("/api/admin/refunds" + query)));
            answers.add(refused(gateway.get("/api/no-such-endpoint" + query)));
            logs = capture.text();
        }
        for (String answer : answers) {
            assertFalse(answer.contains(secret), answer);
        }
        assertFalse(logs.contains(secret), "the credential is in no log line");
    }

    @Test
    void noQueryParameterPassesForAHeader() throws Exception {
        HttpResponse<String> csvByQuery = AdminApi.call(gateway, "GET", "/api/admin/refunds?Accept=text%2Fcsv", AdminApi.TOKEN, null);
        assertEquals(200, csvByQuery.statusCode(), csvByQuery.body());
        assertTrue(csvByQuery.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "?Accept= is no Accept header: " + csvByQuery.headers().map());

        String mine = create("the one in the path").get("generationId").asText();
        String other = create("another one").get("generationId").asText();
        HttpResponse<String> status = gateway.get("/api/generate/" + mine + "?generationId=" + other);
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(mine, Json.parse(status.body()).get("generationId").asText(), "the path names the generation, not the query");
    }

    @Test
    void theApiQueryParametersStillWork() throws Exception {
        HttpResponse<String> csv = AdminApi.call(gateway, "GET", "/api/admin/refunds?format=csv&all=true", AdminApi.TOKEN, null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map().toString());

        String id = create("waited for").get("generationId").asText();
        JsonNode done = Json.parse(gateway.get("/api/generate/" + id + "?poll=true").body());
        assertEquals("completed", done.get("state").asText(), done.toString());
    }

    private static String refused(HttpResponse<String> answer) {
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), answer.headers().map().toString());
        assertEquals("credentials_in_query", Json.parse(answer.body()).get("error").asText(), answer.body());
        return answer.body() + answer.headers().map();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
