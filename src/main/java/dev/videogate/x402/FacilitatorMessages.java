package dev.videogate.x402;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Bodies for the facilitator's HTTP API and readers for its answers, as @x402/core's
 * HTTPFacilitatorClient (v2) and x402's useFacilitator (v1) do it. Both versions send the same
 * envelope to {@code POST /verify} and {@code POST /settle}:
 * {@code {x402Version: <payload's version>, paymentPayload: <payload as sent>, paymentRequirements:
 * <our requirement in that version's shape>}}.
 *
 * <p>Answers are read tolerantly: unknown fields are ignored, null optional fields count as absent
 * (as the TS zod schemas do); only the fields the protocol requires are enforced.
 */
public final class FacilitatorMessages {

    private static final int EXCERPT = 200;

    private FacilitatorMessages() {
    }

    /** Body for {@code POST <facilitator>/verify}. */
    public static ObjectNode verifyRequest(PaymentPayload payment, ObjectNode requirement) {
        return envelope(payment, requirement);
    }

    /** Body for {@code POST <facilitator>/settle} (same shape as verify). */
    public static ObjectNode settleRequest(PaymentPayload payment, ObjectNode requirement) {
        return envelope(payment, requirement);
    }

    private static ObjectNode envelope(PaymentPayload payment, ObjectNode requirement) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("x402Version", payment.x402Version());
        body.set("paymentPayload", payment.original().deepCopy()); // as the client sent it
        body.set("paymentRequirements", requirement.deepCopy());
        return body;
    }

    /** Reads {@code {isValid, invalidReason?, invalidMessage?, payer?}} (also from a 4xx body, which carries the same shape). */
    public static VerifyResult parseVerify(String json) {
        JsonNode n = object(json, "verify");
        JsonNode valid = n.get("isValid");
        if (valid == null || !valid.isBoolean()) {
            throw new FacilitatorResponseException("Facilitator verify answer has no boolean isValid: " + excerpt(json));
        }
        return new VerifyResult(valid.asBoolean(), optText(n, "invalidReason"), optText(n, "invalidMessage"), optText(n, "payer"));
    }

    /**
     * Reads {@code {success, errorReason?, errorMessage?, payer?, transaction, network}}. A failure
     * may omit transaction/network (then ""), a success must name its transaction.
     */
    public static SettleResult parseSettle(String json) {
        JsonNode n = object(json, "settle");
        JsonNode success = n.get("success");
        if (success == null || !success.isBoolean()) {
            throw new FacilitatorResponseException("Facilitator settle answer has no boolean success: " + excerpt(json));
        }
        String tx = optText(n, "transaction").orElse("");
        String network = optText(n, "network").orElse("");
        if (success.asBoolean() && (tx.isEmpty() || network.isEmpty())) {
            throw new FacilitatorResponseException("Facilitator settle answer claims success without transaction/network: " + excerpt(json));
        }
        return new SettleResult(success.asBoolean(), optText(n, "errorReason"), optText(n, "errorMessage"), tx, network, optText(n, "payer"));
    }

    /**
     * Whether a {@code GET /supported} answer ({@code {kinds:[{x402Version, scheme, network, extra?}],
     * extensions?, signers?}}) lists the given kind. Useful as a start-up check.
     */
    public static boolean supports(String supportedJson, int x402Version, String scheme, String network) {
        JsonNode kinds = object(supportedJson, "supported").get("kinds");
        if (kinds == null || !kinds.isArray()) {
            throw new FacilitatorResponseException("Facilitator supported answer has no kinds array: " + excerpt(supportedJson));
        }
        for (JsonNode k : kinds) {
            if (k.path("x402Version").asInt(-1) == x402Version
                    && scheme.equals(k.path("scheme").asText(null))
                    && network.equals(k.path("network").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode object(String json, String operation) {
        JsonNode n;
        try {
            n = json == null ? null : X402Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new FacilitatorResponseException("Facilitator " + operation + " returned invalid JSON: " + excerpt(json), e);
        }
        if (n == null || !n.isObject()) {
            throw new FacilitatorResponseException("Facilitator " + operation + " returned no JSON object: " + excerpt(json));
        }
        return n;
    }

    private static Optional<String> optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? Optional.empty() : Optional.of(v.asText());
    }

    static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return "<empty response>";
        }
        String compact = text.trim().replaceAll("\\s+", " ");
        return compact.length() <= EXCERPT ? compact : compact.substring(0, EXCERPT - 3) + "...";
    }

    /** 5xx, no status, or the facilitator refusing our credentials: its service, not the payment, is the problem. */
    public static boolean serviceFailed(Integer status) {
        return status == null || status >= 500 || status == 401 || status == 403;
    }

    /** Whether a call that got no answer timed out (anywhere in its causes), rather than not reaching the facilitator. */
    public static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // java.net.SocketTimeoutException, HttpClient's ConnectionRequestTimeoutException, ConnectTimeoutException...
            if (t instanceof java.net.SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
