package dev.videogate.x402;

import static dev.videogate.x402.RejectionReasons.INVALID_NETWORK;
import static dev.videogate.x402.RejectionReasons.INVALID_PAYLOAD;
import static dev.videogate.x402.RejectionReasons.INVALID_PAYMENT_HEADER;
import static dev.videogate.x402.RejectionReasons.INVALID_X402_VERSION;
import static dev.videogate.x402.RejectionReasons.UNSUPPORTED_SCHEME;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decodes the client's payment header: {@code PAYMENT-SIGNATURE} (v2) or {@code X-PAYMENT} (v1),
 * both base64(JSON). Shape checks only; whether the payment is the one we asked for is
 * {@link LocalPaymentCheck}'s job, whether it is signed and funded is the facilitator's.
 *
 * <p>v2: {@code {x402Version:2, resource?, accepted:{scheme, network, amount, asset, payTo,
 * maxTimeoutSeconds, extra}, payload:{authorization, signature}, extensions?}}.
 * v1: {@code {x402Version:1, scheme, network, payload:{signature, authorization}}}.
 */
public final class PaymentPayloadDecoder {

    /** Real headers are ~1.5 KiB; anything far larger is not a payment and is not worth parsing. */
    public static final int MAX_HEADER_CHARS = 16 * 1024;

    // Same test as x402 core's Base64EncodedRegex: standard alphabet, up to two '=' of padding.
    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]*={0,2}$");
    private static final Pattern UINT = Pattern.compile("^[0-9]{1,78}$"); // uint256 has at most 78 digits
    private static final Pattern NONCE = Pattern.compile("^0x[0-9a-fA-F]{64}$");
    private static final Pattern SIGNATURE = Pattern.compile("^0x[0-9a-fA-F]+$");

    private PaymentPayloadDecoder() {
    }

    public static PaymentPayload decode(String headerName, String headerValue) {
        int version = X402Headers.versionOfPaymentHeader(headerName);
        JsonNode root = parseHeader(headerName, headerValue);

        JsonNode v = root.get("x402Version");
        if (v == null || !v.isIntegralNumber()) {
            throw new PaymentRejected(INVALID_X402_VERSION, "x402Version is missing or not a number");
        }
        if (v.asLong() != version) {
            throw new PaymentRejected(INVALID_X402_VERSION,
                    "x402Version " + v.asText() + " cannot be sent in " + headerName + " (expects " + version + ")");
        }

        Optional<AcceptedRequirement> accepted = Optional.empty();
        String scheme;
        String networkText;
        if (version == 2) {
            JsonNode acc = object(root, "accepted", "accepted");
            AcceptedRequirement a = readAccepted(acc);
            accepted = Optional.of(a);
            scheme = a.scheme();
            networkText = a.network();
        } else {
            scheme = string(root, "scheme", "scheme");
            networkText = string(root, "network", "network");
        }
        if (!RequirementsBuilder.SCHEME_EXACT.equals(scheme)) {
            throw new PaymentRejected(UNSUPPORTED_SCHEME, "scheme '" + scheme + "' is not supported; only 'exact' is");
        }
        X402Network network = readNetwork(networkText, version);

        JsonNode payload = object(root, "payload", "payload");
        Optional<String> signature = readSignature(payload);
        Authorization authorization = readAuthorization(object(payload, "authorization", "payload.authorization"));
        return new PaymentPayload(version, scheme, network, accepted, signature, authorization, root);
    }

    private static JsonNode parseHeader(String headerName, String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new PaymentRejected(INVALID_PAYMENT_HEADER, headerName + " header is empty");
        }
        if (headerValue.length() > MAX_HEADER_CHARS) {
            throw new PaymentRejected(INVALID_PAYMENT_HEADER,
                    headerName + " header is " + headerValue.length() + " characters; the limit is " + MAX_HEADER_CHARS);
        }
        String value = headerValue.trim();
        if (!BASE64.matcher(value).matches()) {
            throw new PaymentRejected(INVALID_PAYMENT_HEADER, headerName + " header is not base64");
        }
        JsonNode root;
        try {
            root = X402Json.fromBase64Json(value);
        } catch (IllegalArgumentException e) {
            throw new PaymentRejected(INVALID_PAYMENT_HEADER, headerName + " header is not valid base64", e);
        } catch (JsonProcessingException e) {
            throw new PaymentRejected(INVALID_PAYMENT_HEADER, headerName + " header does not hold valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new PaymentRejected(INVALID_PAYMENT_HEADER, headerName + " header does not hold a JSON object");
        }
        return root;
    }

    private static AcceptedRequirement readAccepted(JsonNode acc) {
        JsonNode timeout = acc.get("maxTimeoutSeconds");
        if (timeout == null || !timeout.isIntegralNumber()) {
            throw new PaymentRejected(INVALID_PAYLOAD, "accepted.maxTimeoutSeconds is missing or not a whole number");
        }
        JsonNode extra = acc.get("extra");
        if (extra != null && !extra.isObject() && !extra.isNull()) {
            throw new PaymentRejected(INVALID_PAYLOAD, "accepted.extra is not an object");
        }
        return new AcceptedRequirement(
                string(acc, "scheme", "accepted.scheme"),
                string(acc, "network", "accepted.network"),
                uint(acc, "amount", "accepted.amount"),
                string(acc, "asset", "accepted.asset"),
                string(acc, "payTo", "accepted.payTo"),
                timeout.asLong(),
                extra);
    }

    private static X402Network readNetwork(String text, int version) {
        X402Network network;
        try {
            network = X402Network.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PaymentRejected(INVALID_NETWORK, "network '" + text + "' is not supported");
        }
        // Each version has one spelling; the official facilitators refuse the other one.
        boolean rightForm = version == 2 ? network.caip2().equals(text) : network.v1Name().map(text::equals).orElse(false);
        if (!rightForm) {
            throw new PaymentRejected(INVALID_NETWORK, "network '" + text + "' is not written the x402 v" + version + " way");
        }
        return network;
    }

    private static Optional<String> readSignature(JsonNode payload) {
        JsonNode s = payload.get("signature");
        if (s == null || s.isNull() || (s.isTextual() && s.asText().isEmpty())) {
            return Optional.empty();
        }
        if (!s.isTextual() || !SIGNATURE.matcher(s.asText()).matches()) {
            throw new PaymentRejected(INVALID_PAYLOAD, "payload.signature is not 0x-prefixed hex");
        }
        return Optional.of(s.asText());
    }

    private static Authorization readAuthorization(JsonNode a) {
        String nonce = string(a, "nonce", "payload.authorization.nonce");
        if (!NONCE.matcher(nonce).matches()) {
            throw new PaymentRejected(INVALID_PAYLOAD, "payload.authorization.nonce is not 0x + 64 hex");
        }
        return new Authorization(
                address(a, "from", "payload.authorization.from"),
                address(a, "to", "payload.authorization.to"),
                uint(a, "value", "payload.authorization.value"),
                seconds(a, "validAfter", "payload.authorization.validAfter"),
                seconds(a, "validBefore", "payload.authorization.validBefore"),
                nonce);
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new PaymentRejected(INVALID_PAYLOAD, path + " is missing or not an object");
        }
        return n;
    }

    private static String string(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new PaymentRejected(INVALID_PAYLOAD, path + " is missing or not a string");
        }
        return n.asText();
    }

    private static BigInteger uint(JsonNode parent, String field, String path) {
        String s = string(parent, field, path);
        if (!UINT.matcher(s).matches()) {
            throw new PaymentRejected(INVALID_PAYLOAD, path + " is not a decimal string of atomic units");
        }
        return new BigInteger(s);
    }

    private static long seconds(JsonNode parent, String field, String path) {
        BigInteger v = uint(parent, field, path);
        // Beyond Long.MAX_VALUE is "never expires" for practical purposes; clamp rather than overflow.
        return v.bitLength() < 63 ? v.longValueExact() : Long.MAX_VALUE;
    }

    private static EvmAddress address(JsonNode parent, String field, String path) {
        String s = string(parent, field, path);
        try {
            return EvmAddress.parse(s);
        } catch (IllegalArgumentException e) {
            throw new PaymentRejected(INVALID_PAYLOAD, path + ": " + e.getMessage());
        }
    }
}
