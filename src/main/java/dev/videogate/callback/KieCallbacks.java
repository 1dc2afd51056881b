package dev.videogate.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogate.api.ApiException;
import dev.videogate.api.NotFound;
import dev.videogate.api.TooManyRequests;
import dev.videogate.api.Unauthorized;
import dev.videogate.generation.GenerationIds;
import dev.videogate.kie.KieMessages;
import dev.videogate.kie.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * First look at a Kie.ai callback: which task it names and, when a webhook key is configured, whether
 * Kie.ai signed it (X-Webhook-Signature = base64(HMAC-SHA256(key, taskId + "." + X-Webhook-Timestamp))).
 * Kie.ai signs only the task id and time, never the result, so the route still confirms the result with
 * recordInfo: a callback is a hint to look now, not a source of truth.
 */
public class KieCallbacks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] webhookKey;
    private final long maxSkewSeconds;
    private final Clock clock;

    public KieCallbacks(String webhookKey, long maxSkewSeconds) {
        this(webhookKey, maxSkewSeconds, Clock.systemUTC());
    }

    KieCallbacks(String webhookKey, long maxSkewSeconds, Clock clock) {
        this.webhookKey = webhookKey == null || webhookKey.isBlank() ? null : webhookKey.getBytes(StandardCharsets.UTF_8);
        this.maxSkewSeconds = maxSkewSeconds;
        this.clock = clock;
    }

    public String kieTaskId(@Body String body,
                         @Header("X-Webhook-Timestamp") String timestamp,
                         @Header("X-Webhook-Signature") String signature) {
        String taskId = readTaskId(body);
        if (webhookKey != null) {
            checkSignature(taskId, timestamp, signature);
        }
        return taskId;
    }

    /** A callback for a task we never created: 404, so a misdirected or forged callback changes nothing. */
    public void unknownTask() {
        throw new NotFound("unknown_task", "No generation has this Kie.ai task id");
    }

    /**
     * A callback naming a generation that waits for its task, inside the interval after the last look (each costs a
     * recordInfo, and anyone can send these): not read now. 429 with Retry-After, so Kie.ai's own retry comes back.
     */
    public void adoptionThrottled(@Body Map<String, Object> waiting) {
        Object seconds = waiting.get("retry_after_seconds");
        throw new TooManyRequests("callback_throttled", "This generation's task was looked up moments ago; send the"
                + " callback again later", seconds == null ? 1 : ((Number) seconds).intValue());
    }

    /**
     * The generation our callBackUrl named (query parameter "generation"), for a task whose id we never heard because
     * the createTask answer was lost; null when absent or not shaped like one of our ids.
     */
    public String generationToAdopt(@Header(KieMessages.CALLBACK_GENERATION_PARAM) String generationId) {
        return GenerationIds.looksValid(generationId) ? generationId : null;
    }

    /**
     * A callback may name any generation, so it proves nothing: Kie.ai's own copy of the create request (recordInfo's
     * "param") must have asked for this generation, or the task is not ours to adopt.
     */
    public void confirmAdoption(@Variable("record") TaskRecord record, @Variable("adoptGenerationId") String generationId) {
        if (record == null || !generationId.equals(record.requestedFor())) {
            unknownTask();
        }
    }

    private static String readTaskId(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "The callback body is not valid JSON");
        }
        JsonNode data = root == null ? null : root.path("data");
        String taskId = data == null ? "" : data.hasNonNull("taskId") ? data.get("taskId").asText() : data.path("task_id").asText("");
        if (!taskId.matches("[A-Za-z0-9_-]{1,128}")) {
            throw ApiException.badRequest("missing_field", "The callback names no data.taskId");
        }
        return taskId;
    }

    private void checkSignature(String taskId, String timestamp, String signature) {
        if (timestamp == null || signature == null) {
            throw new Unauthorized("invalid_signature", "The callback is not signed (X-Webhook-Timestamp, X-Webhook-Signature)");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Unauthorized("invalid_signature", "X-Webhook-Timestamp is not a number");
        }
        if (sentAt > 100_000_000_000L) {
            sentAt /= 1000; // tolerate milliseconds
        }
        if (Math.abs(clock.instant().getEpochSecond() - sentAt) > maxSkewSeconds) {
            throw new Unauthorized("invalid_signature", "X-Webhook-Timestamp is too far from now");
        }
        byte[] expected = hmac(taskId + "." + timestamp.trim());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new Unauthorized("invalid_signature", "X-Webhook-Signature is not base64");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new Unauthorized("invalid_signature", "X-Webhook-Signature does not match");
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
