package dev.videogate.x402;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON-RPC body of a read-only contract call (eth_call at the latest block), shared by the token reads. */
final class EthCall {

    private EthCall() {
    }

    /** data: the 4-byte selector and the ABI-encoded arguments, as 0x hex. */
    static String body(EvmAddress contract, String data) {
        ObjectNode body = X402Json.mapper().createObjectNode();
        body.put("jsonrpc", "2.0");
        body.put("id", 1);
        body.put("method", "eth_call");
        ArrayNode params = body.putArray("params");
        params.addObject().put("to", contract.lowercase()).put("data", data);
        params.add("latest");
        return body.toString();
    }
}
