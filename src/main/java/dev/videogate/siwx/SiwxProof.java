package dev.videogate.siwx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.x402.X402Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a SIGN-IN-WITH-X header carries: base64 of the JSON the official client (@x402/extensions createSIWxPayload)
 * writes, the CAIP-122 fields of the challenge it signed, the wallet address it claims and the signature. Parsing only
 * checks the shape; {@link SignInWithX} decides whether the proof is good.
 */
public record SiwxProof(String domain, String address, String statement, String uri, String version, String chainId,
                        String type, String nonce, String issuedAt, String expirationTime, String notBefore,
                        String requestId, List<String> resources, String signature) {

    /** Longer than any honest proof (a few hundred bytes); a bigger header is refused before it is decoded. */
    static final int MAX_HEADER_CHARS = 8192;

    /** @throws SiwxRefused siwx_invalid when the header is not base64 JSON with the required string fields */
    public static SiwxProof parse(String header) {
        if (header == null || header.isBlank()) {
            throw SiwxRefused.invalid("the SIGN-IN-WITH-X header is empty");
        }
        if (header.length() > MAX_HEADER_CHARS) {
            throw SiwxRefused.invalid("the SIGN-IN-WITH-X header is longer than " + MAX_HEADER_CHARS + " characters");
        }
        JsonNode json;
        try {
            json = X402Json.parse(new String(decode(header.trim()), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw SiwxRefused.invalid("the SIGN-IN-WITH-X header is not base64-encoded JSON");
        }
        if (!json.isObject()) {
            throw SiwxRefused.invalid("the SIGN-IN-WITH-X header is not a JSON object");
        }
        List<String> resources = null;
        JsonNode list = json.get("resources");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw SiwxRefused.invalid("resources must be an array of URIs");
            }
            resources = new ArrayList<>();
            for (JsonNode item : list) {
                if (!item.isTextual()) {
                    throw SiwxRefused.invalid("resources must be an array of URIs");
                }
                resources.add(item.asText());
            }
        }
        return new SiwxProof(required(json, "domain"), required(json, "address"), optional(json, "statement"),
                required(json, "uri"), required(json, "version"), required(json, "chainId"), required(json, "type"),
                required(json, "nonce"), required(json, "issuedAt"), optional(json, "expirationTime"),
                optional(json, "notBefore"), optional(json, "requestId"), resources == null ? null : List.copyOf(resources),
                required(json, "signature"));
    }

    /** The official client writes standard base64; the URL-safe alphabet is read too. */
    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Base64.getUrlDecoder().decode(text);
        }
    }

    private static String required(JsonNode json, String field) {
        String value = optional(json, field);
        if (value == null || value.isEmpty()) {
            throw SiwxRefused.invalid("field " + field + " is missing");
        }
        return value;
    }

    private static String optional(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw SiwxRefused.invalid("field " + field + " must be a string");
        }
        // no line breaks: each field is one line of the signed text, a break would let one field forge another
        if (value.asText().indexOf('\n') >= 0 || value.asText().indexOf('\r') >= 0) {
            throw SiwxRefused.invalid("field " + field + " holds a line break");
        }
        return value.asText();
    }
}
