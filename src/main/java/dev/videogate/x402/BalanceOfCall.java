package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A payer's token balance from the chain: {@code balanceOf(owner)} on the token contract, as a JSON-RPC
 * {@code eth_call} at the latest block. What a paid request's hold is measured against (sql/insert-generation.sql).
 */
public final class BalanceOfCall {

    // keccak256("balanceOf(address)")[0..4]
    private static final String SELECTOR = "0x70a08231";

    private BalanceOfCall() {
    }

    /** The eth_call request body. */
    public static String request(EvmAddress token, EvmAddress owner) {
        return EthCall.body(token, SELECTOR + "0".repeat(24) + owner.lowercase().substring(2));
    }

    /** The balance in atomic units; empty when the answer is an error, not JSON, or not one 32-byte word. */
    public static Optional<BigInteger> balance(String answer) {
        JsonNode root;
        try {
            root = X402Json.mapper().readTree(answer);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (root == null || root.has("error") || !root.path("result").isTextual()) {
            return Optional.empty();
        }
        String result = root.path("result").asText();
        if (!result.matches("0x[0-9a-fA-F]{1,64}")) {
            return Optional.empty(); // "0x" is what a call to an address without code answers
        }
        return Optional.of(new BigInteger(result.substring(2), 16));
    }
}
