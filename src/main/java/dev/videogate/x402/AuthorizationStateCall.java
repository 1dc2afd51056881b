package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The chain's answer to "was this EIP-3009 authorization used?": {@code authorizationState(authorizer, nonce)} on
 * the token contract, as a JSON-RPC {@code eth_call}. It is the certain answer when a settlement's outcome is
 * unknown: true means the transfer happened (whoever sent it), false means it did not (yet).
 */
public final class AuthorizationStateCall {

    private static final String SELECTOR = "0x" + EvmAddress.hex(EvmAddress.keccak256(
            "authorizationState(address,bytes32)".getBytes(StandardCharsets.US_ASCII))).substring(0, 8);

    private AuthorizationStateCall() {
    }

    /** The eth_call request body. */
    public static String request(EvmAddress token, EvmAddress authorizer, String nonce) {
        if (!nonce.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("nonce is not 0x + 64 hex");
        }
        return EthCall.body(token, SELECTOR + "0".repeat(24) + authorizer.lowercase().substring(2) + nonce.substring(2).toLowerCase());
    }

    /** true = used (transferred or cancelled), false = not used; an error answer or nonsense throws. */
    public static boolean used(String answer) {
        JsonNode root;
        try {
            root = X402Json.mapper().readTree(answer);
        } catch (Exception e) {
            throw new FacilitatorResponseException("the chain's answer is not JSON");
        }
        if (root == null || root.has("error") || !root.path("result").isTextual() || !root.path("result").asText().startsWith("0x")) {
            throw new FacilitatorResponseException("the chain did not answer authorizationState"
                    + (root != null && root.has("error") ? ": " + root.path("error").path("message").asText("") : ""));
        }
        String hex = root.path("result").asText().substring(2);
        return !hex.isEmpty() && new BigInteger(hex, 16).signum() != 0;
    }
}
