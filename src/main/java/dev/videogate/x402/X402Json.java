package dev.videogate.x402;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JSON and base64 exactly as x402's TypeScript does it: compact JSON (JSON.stringify), UTF-8,
 * standard base64 alphabet WITH padding ({@code Buffer.toString("base64")} / {@code btoa}).
 */
public final class X402Json {

    // Exact decimals and strict duplicate detection: a payload with two "to" keys could be read
    // differently by us and by the facilitator, so it is refused rather than guessed.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private X402Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    /** base64(UTF-8(compact JSON)), the value of PAYMENT-REQUIRED / PAYMENT-RESPONSE / X-PAYMENT-RESPONSE. */
    public static String toBase64Json(JsonNode node) {
        return Base64.getEncoder().encodeToString(toJson(node).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses JSON text; throws {@link JsonProcessingException} on malformed input. */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** Decodes base64 (standard alphabet, padding optional) JSON; throws IllegalArgumentException or JsonProcessingException. */
    public static JsonNode fromBase64Json(String base64) throws JsonProcessingException {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
