package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * The v2 payload's {@code accepted}: the requirement the client says it is paying, copied from our
 * 402 answer. Fields stay as sent (strings) except the amount; comparison is the checker's job.
 */
public record AcceptedRequirement(
        String scheme,
        String network,
        BigInteger amount,
        String asset,
        String payTo,
        long maxTimeoutSeconds,
        JsonNode extra) {
}
