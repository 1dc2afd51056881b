package dev.videogate.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.NotFound;
import dev.videogate.api.RowJson;
import dev.videogate.api.SafeText;
import dev.videogate.generation.GenerationResponses;
import dev.videogate.generation.MediaUrls;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Webhooks out, for routes/70-webhooks.yaml: the caller's webhookUrl checked like any caller-given URL (https, public
 * address), and each delivery's message (the status answer, signed) for WebhookClient, which sends it and nothing
 * else (no endpoint is made from the URL, no exchange header goes out), and what the receiver's answer means.
 */
public class Webhooks {

    private final StandardWebhookSigner signer;
    private final MediaUrls urls;
    private final boolean allowInsecureUrls;
    private final GenerationResponses responses;
    private final Clock clock;

    /** @param signer null when webhooks are off (no app.webhooks.secret) */
    public Webhooks(StandardWebhookSigner signer, MediaUrls urls, boolean allowInsecureUrls, GenerationResponses responses, Clock clock) {
        this.signer = signer;
        this.urls = urls;
        this.allowInsecureUrls = allowInsecureUrls;
        this.responses = responses;
        this.clock = clock;
    }

    public boolean enabled() {
        return signer != null;
    }

    /** The caller's webhookUrl, checked before payment; null when none was given. */
    public String checkRequested(String url) {
        if (url == null) {
            return null;
        }
        if (signer == null) {
            throw ApiException.badRequest("invalid_field", "webhookUrl: this gateway does not send webhooks (no app.webhooks.secret)");
        }
        return check(url);
    }

    /** At request time: the delivery checks the addresses again, when it connects (WebhookClient). */
    private String check(String url) {
        if (allowInsecureUrls) {
            if (!url.matches("https?://[^\\s]{1,2040}")) {
                throw ApiException.badRequest("invalid_media_url", "webhookUrl must be an http(s) URL");
            }
            return url;
        }
        ArrayNode one = JsonNodeFactory.instance.arrayNode().add(url);
        List<String> checked = urls.check("webhookUrl", one, 1, 1);
        return checked.get(0);
    }

    /**
     * One delivery's message: the generation's status answer now (as GET would show its payer), signed with the
     * delivery's own webhook-id, the same on every attempt and replay so the receiver can drop repeats.
     */
    public WebhookMessage prepare(@Body Map<String, Object> row, @Variable("delivery") Map<String, Object> delivery) {
        String body = responses.statusForWebhook(row);
        String id = (String) delivery.get("webhook_id");
        long timestamp = clock.instant().getEpochSecond();
        return new WebhookMessage((String) delivery.get("url"), id, timestamp, signer.signature(id, timestamp, body), body);
    }

    /** 2xx: delivered; anything else is a failed attempt (retried with backoff). */
    public void requireDelivered(@Variable("receiverStatus") Integer status) {
        if (status == null || status < 200 || status >= 300) {
            throw new IllegalStateException("the receiver answered HTTP " + status);
        }
    }

    public String reason(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure == null ? "unknown" : SafeText.of(failure.getClass().getSimpleName() + ": " + failure.getMessage(), 200);
    }

    /** GET /api/admin/webhooks as JSON. */
    public String list(@Body List<Map<String, Object>> rows) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("webhooks");
        for (Map<String, Object> row : rows) {
            RowJson.put(list.addObject(), row, row.keySet());
        }
        body.put("count", rows.size());
        return body.toString();
    }

    public long deliveryId(@Header("deliveryId") String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new NotFound("not_found", "No webhook delivery with this id");
        }
        return Long.parseLong(id);
    }

    public String status(@Header("status") String status) {
        if (status == null || status.isBlank()) {
            return "dead";
        }
        if (!status.matches("pending|delivered|dead")) {
            throw ApiException.badRequest("invalid_field", "status must be pending, delivered or dead");
        }
        return status;
    }

    public void notReplayable() {
        throw new NotFound("not_found", "No dead or pending webhook delivery with this id");
    }
}
