package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the token contract logged about money reaching payTo: every {@code Transfer(from, payTo, value)} in a block
 * range, each joined (by transaction) with the {@code AuthorizationUsed(authorizer, nonce)} that EIP-3009 logs beside
 * it. A transfer whose (authorizer, nonce) no generation holds is money taken with no work recorded for it.
 */
public final class PaymentLogs {

    static final String TRANSFER_TOPIC = topic("Transfer(address,address,uint256)");
    static final String AUTHORIZATION_USED_TOPIC = topic("AuthorizationUsed(address,bytes32)");

    /** One transfer to payTo; nonce and authorizer are null for a plain transfer (not an x402 payment). */
    public record IncomingTransfer(String transaction, long block, String from, BigInteger value, String authorizer, String nonce) {
    }

    private PaymentLogs() {
    }

    public static String blockNumberRequest() {
        ObjectNode body = rpc("eth_blockNumber");
        body.putArray("params");
        return body.toString();
    }

    public static long blockNumber(String answer) {
        return new BigInteger(result(answer).asText().substring(2), 16).longValueExact();
    }

    /** eth_getLogs for the token's Transfers to payTo in [fromBlock, toBlock]. */
    public static String transfersRequest(EvmAddress token, EvmAddress payTo, long fromBlock, long toBlock) {
        ObjectNode body = rpc("eth_getLogs");
        ObjectNode filter = body.putArray("params").addObject();
        filter.put("address", token.lowercase());
        filter.put("fromBlock", "0x" + Long.toHexString(fromBlock));
        filter.put("toBlock", "0x" + Long.toHexString(toBlock));
        ArrayNode topics = filter.putArray("topics");
        topics.add(TRANSFER_TOPIC);
        topics.addNull();
        topics.add("0x" + "0".repeat(24) + payTo.lowercase().substring(2));
        return body.toString();
    }

    /** eth_getLogs for the token's AuthorizationUsed events in [fromBlock, toBlock]. */
    public static String authorizationsRequest(EvmAddress token, long fromBlock, long toBlock) {
        ObjectNode body = rpc("eth_getLogs");
        ObjectNode filter = body.putArray("params").addObject();
        filter.put("address", token.lowercase());
        filter.put("fromBlock", "0x" + Long.toHexString(fromBlock));
        filter.put("toBlock", "0x" + Long.toHexString(toBlock));
        filter.putArray("topics").add(AUTHORIZATION_USED_TOPIC);
        return body.toString();
    }

    /** The transfers, each with the authorization used in the same transaction (if any). */
    public static List<IncomingTransfer> join(String transfersAnswer, String authorizationsAnswer) {
        Map<String, String[]> authorizationByTx = new HashMap<>();
        for (JsonNode log : result(authorizationsAnswer)) {
            JsonNode topics = log.path("topics");
            if (topics.size() >= 3) {
                authorizationByTx.put(log.path("transactionHash").asText().toLowerCase(),
                        new String[] {address(topics.get(1).asText()), topics.get(2).asText().toLowerCase()});
            }
        }
        List<IncomingTransfer> transfers = new ArrayList<>();
        for (JsonNode log : result(transfersAnswer)) {
            JsonNode topics = log.path("topics");
            if (topics.size() < 3) {
                continue;
            }
            String tx = log.path("transactionHash").asText().toLowerCase();
            String data = log.path("data").asText("0x");
            BigInteger value = data.length() > 2 ? new BigInteger(data.substring(2), 16) : BigInteger.ZERO;
            String[] authorization = authorizationByTx.get(tx);
            transfers.add(new IncomingTransfer(tx, new BigInteger(log.path("blockNumber").asText("0x0").substring(2), 16).longValue(),
                    address(topics.get(1).asText()), value,
                    authorization == null ? null : authorization[0], authorization == null ? null : authorization[1]));
        }
        return transfers;
    }

    private static String address(String topic) {
        return "0x" + topic.substring(topic.length() - 40).toLowerCase();
    }

    private static ObjectNode rpc(String method) {
        ObjectNode body = X402Json.mapper().createObjectNode();
        body.put("jsonrpc", "2.0");
        body.put("id", 1);
        body.put("method", method);
        return body;
    }

    private static JsonNode result(String answer) {
        JsonNode root;
        try {
            root = X402Json.mapper().readTree(answer);
        } catch (Exception e) {
            throw new FacilitatorResponseException("the chain's answer is not JSON");
        }
        if (root == null || root.has("error") || root.path("result").isMissingNode() || root.path("result").isNull()) {
            throw new FacilitatorResponseException("the chain refused the query"
                    + (root != null && root.has("error") ? ": " + root.path("error").path("message").asText("") : ""));
        }
        return root.path("result");
    }

    private static String topic(String signature) {
        return "0x" + EvmAddress.hex(EvmAddress.keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
    }
}
