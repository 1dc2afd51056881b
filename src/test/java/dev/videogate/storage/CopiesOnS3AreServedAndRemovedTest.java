package dev.videogate.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * With app.storage.type=s3 the copies go to an S3 bucket (a real S3 API server, s3proxy, in this JVM), are served from
 * it with Range, and the cleanup deletes them from the bucket after the retention period, and at once for a refunded
 * generation.
 */
class CopiesOnS3AreServedAndRemovedTest extends GatewayTest {

    private LocalS3 s3;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> settings() {
        try {
            s3 = new LocalS3("gateway-videos");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("app.storage.type", "s3");
        settings.put("app.storage.s3.bucket", s3.bucket());
        settings.put("app.storage.s3.endpoint", s3.endpoint());
        settings.put("app.storage.s3.access-key", LocalS3.ACCESS_KEY);
        settings.put("app.storage.s3.secret-key", LocalS3.SECRET_KEY);
        settings.put("app.storage.cleanup-interval-ms", "300");
        return settings;
    }

    @AfterAll
    void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void aCopyIsServedFromTheBucketAndRemovedAfterItsRetention() throws Exception {
        kie.setVideoBytes(1_500_000);
        String id = create("A harbour crane at night, on S3").get("generationId").asText();
        JsonNode stored = awaitStorage(id, "stored");
        String key = "videos/" + id + "/0";
        assertTrue(s3.keys().contains(key), s3.keys().toString());
        byte[] inBucket = s3.object(key);
        assertEquals(1_500_000, inBucket.length);
        HttpResponse<byte[]> part = get(stored.get("result").asText(), "bytes=1000000-1000099");
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(inBucket, 1_000_000, 1_000_100), part.body());

        db.execute("UPDATE stored_copy SET stored_at = now() - interval '31 days' WHERE generation_id = '" + id + "'");
        JsonNode removed = awaitStorage(id, "removed");
        // marked removed first (the answer says so at once), then its file is deleted from the bucket
        Await.until("deleted from the bucket", Duration.ofSeconds(10), () -> !s3.keys().contains(key));
        assertEquals(1, db.count("SELECT count(*) FROM stored_copy WHERE generation_id = ? AND removed_why = 'retention'", id));
        assertTrue(removed.get("message").asText().contains("removed"), removed.toString());
        HttpResponse<byte[]> gone = get(stored.get("result").asText(), null);
        assertEquals(410, gone.statusCode());
        assertEquals("copy_removed", Json.parse(new String(gone.body())).get("error").asText());
    }

    @Test
    void aRefundedGenerationsCopyIsRemovedAtOnce() throws Exception {
        String id = create("A refund in the rain, on S3").get("generationId").asText();
        awaitStorage(id, "stored");
        String key = "videos/" + id + "/0";
        assertTrue(s3.keys().contains(key));
        db.execute("UPDATE generation SET refund_tx = '0xrefund', refunded_at = now() WHERE id = '" + id + "'");
        Await.until("removed", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM stored_copy WHERE generation_id = ? AND removed_why = 'refunded'", id) == 1);
        Await.until("deleted from the bucket", Duration.ofSeconds(10), () -> !s3.keys().contains(key));
    }

    private JsonNode awaitStorage(String id, String wanted) throws Exception {
        JsonNode[] last = new JsonNode[1];
        Await.until("storage " + wanted, Duration.ofSeconds(30), () -> {
            last[0] = status(id, false);
            return wanted.equals(last[0].path("storage").path("status").asText());
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    private HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
