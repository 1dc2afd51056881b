package dev.videogate.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.payment.ReadTokens;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A completed video is copied into our own store (here the local directory) and the status answer then points at our
 * URL, which serves the same bytes to the payer only, with Range. Before the copy the answer gives Kie.ai's link.
 */
class OwnCopiesTest extends GatewayTest {

    private static final String TOKEN = "test-access-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCompletedVideoIsCopiedAndServedToThePayerWithRanges() throws Exception {
        kie.setVideoBytes(300_000);
        String id = create("A lighthouse in fog, copied").get("generationId").asText();
        // as a paid generation would be: its result is read with the access token only
        db.execute("UPDATE generation SET read_token_hash = '" + ReadTokens.hash(TOKEN) + "' WHERE id = '" + id + "'");
        JsonNode done = awaitStorage(id, "stored");
        String own = gateway.url("/api/generate/" + id + "/files/0");
        assertEquals(own, done.get("result").asText(), done.toString());
        assertEquals(own, done.get("resultUrls").get(0).asText());
        assertEquals(kie.videoUrl(done.get("kieTaskId").asText()), done.get("originUrls").get(0).asText());
        byte[] original = bytes(get(done.get("originUrls").get(0).asText(), null, null));
        assertEquals(300_000, original.length);
        JsonNode file = done.get("storage").get("files").get(0);
        assertEquals(sha256(original), file.get("sha256").asText(), "the recorded SHA-256 is the original's");
        assertEquals(300_000, file.get("bytes").asLong());
        assertEquals("video/mp4", file.get("contentType").asText());
        assertTrue(done.get("storage").has("expiresAt"), done.toString());

        HttpResponse<byte[]> whole = get(own, TOKEN, null);
        assertEquals(200, whole.statusCode(), () -> whole.headers() + " " + new String(whole.body(), 0, Math.min(300, whole.body().length)));
        assertEquals(300_000, whole.body().length, () -> whole.headers() + " " + new String(whole.body(), 0, Math.min(300, whole.body().length)));
        assertArrayEquals(original, whole.body(), () -> "the copy is the original, byte for byte: " + HexFormat.of().formatHex(whole.body(), 0, 64) + " vs " + HexFormat.of().formatHex(original, 0, 64));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElse(""));
        assertTrue(whole.headers().firstValue("Authorization").isEmpty(), "nothing the caller sent comes back");

        HttpResponse<byte[]> part = get(own, TOKEN, "bytes=100-199");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/300000", part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(original, 100, 200), part.body());
        HttpResponse<byte[]> tail = get(own, TOKEN, "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(original, 299_990, 300_000), tail.body());
        HttpResponse<byte[]> open = get(own, TOKEN, "bytes=299000-");
        assertEquals(206, open.statusCode());
        assertEquals(1000, open.body().length);

        HttpResponse<byte[]> beyond = get(own, TOKEN, "bytes=300000-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */300000", beyond.headers().firstValue("Content-Range").orElse(""));
        assertEquals("range_not_satisfiable", json(beyond).get("error").asText());
        assertEquals(416, get(own, TOKEN, "bytes=abc").statusCode());

        HttpResponse<byte[]> anonymous = get(own, null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("access_token_required", json(anonymous).get("error").asText());
        assertEquals(401, get(own, "wrong-token", null).statusCode());
        assertEquals(404, get(gateway.url("/api/generate/" + id + "/files/1"), TOKEN, null).statusCode());
        assertEquals(404, get(gateway.url("/api/generate/" + id + "/files/x"), TOKEN, null).statusCode());
        HttpResponse<byte[]> unknown = get(gateway.url("/api/generate/gen_1_unknown/files/0"), TOKEN, null);
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", json(unknown).get("error").asText());
        assertEquals(1, db.count("SELECT count(*) FROM stored_copy WHERE generation_id = ? AND status = 'stored'", id));
    }

    @Test
    void untilTheCopyExistsTheAnswerGivesKieLinkAndSaysSo() throws Exception {
        kie.videosUnavailable(true); // the copy fails and waits for its next attempt
        String id;
        try {
            id = create("A kite over dunes, not yet copied").get("generationId").asText();
            Await.until("a failed attempt", Duration.ofSeconds(20),
                    () -> db.count("SELECT count(*) FROM stored_copy WHERE generation_id = ? AND last_error LIKE '%503%'", id) == 1);
            JsonNode copying = status(id, false);
            assertEquals("completed", copying.get("state").asText(), copying.toString());
            assertEquals("copying", copying.get("storage").get("status").asText(), copying.toString());
            assertEquals(copying.get("originUrls").get(0).asText(), copying.get("result").asText(), "Kie.ai's link meanwhile");
            assertTrue(copying.get("storage").has("originExpiresAt"), copying.toString());
            assertTrue(copying.get("message").asText().contains("copy is being made"), copying.toString());
            HttpResponse<byte[]> early = get(gateway.url("/api/generate/" + id + "/files/0"), null, null);
            assertEquals(409, early.statusCode());
            assertEquals("copy_pending", json(early).get("error").asText());
            assertTrue(early.headers().firstValue("Retry-After").isPresent());
        } finally {
            kie.videosUnavailable(false);
        }
        JsonNode stored = awaitStorage(id, "stored");
        assertEquals(gateway.url("/api/generate/" + id + "/files/0"), stored.get("result").asText());
        assertTrue(db.count("SELECT attempts FROM stored_copy WHERE generation_id = ?", id) >= 2, "tried again");
    }

    @Test
    void anExpiredKieLinkIsReplacedByAFreshOneFromDownloadUrl() throws Exception {
        kie.expireOriginalLinks(true);
        int asked = kie.downloadUrlCalls();
        try {
            String id = create("A tram at dusk, link expired").get("generationId").asText();
            JsonNode stored = awaitStorage(id, "stored");
            assertTrue(kie.downloadUrlCalls() > asked, "common/download-url was asked");
            assertEquals(200, get(stored.get("result").asText(), null, null).statusCode());
        } finally {
            kie.expireOriginalLinks(false);
        }
    }

    @Test
    void aFileThatIsNotAVideoIsNotCopiedAndTheAnswerSaysSo() throws Exception {
        kie.setVideoContentType("text/html");
        try {
            String id = create("A page pretending to be a video").get("generationId").asText();
            JsonNode failed = awaitStorage(id, "failed");
            assertEquals(failed.get("originUrls").get(0).asText(), failed.get("result").asText());
            assertEquals(1, db.count("SELECT count(*) FROM stored_copy WHERE generation_id = ? AND status = 'failed'"
                    + " AND attempts = 1 AND last_error LIKE '%not a video%'", id), "refused at once, not retried");
        } finally {
            kie.setVideoContentType("video/mp4");
        }
    }

    private JsonNode awaitStorage(String id, String wanted) throws Exception {
        JsonNode[] last = new JsonNode[1];
        Await.until("storage " + wanted, Duration.ofSeconds(30), () -> {
            last[0] = Json.parse(gateway.get("/api/generate/" + id, java.util.Map.of("Authorization", "Bearer " + TOKEN)).body());
            return wanted.equals(last[0].path("storage").path("status").asText());
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    private HttpResponse<byte[]> get(String url, String token, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] bytes(HttpResponse<byte[]> answer) {
        assertEquals(200, answer.statusCode());
        return answer.body();
    }

    private static JsonNode json(HttpResponse<byte[]> answer) {
        return Json.parse(new String(answer.body(), StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
