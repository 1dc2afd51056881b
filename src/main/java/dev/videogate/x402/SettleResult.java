package dev.videogate.x402;

import java.util.Optional;

/**
 * Facilitator {@code POST /settle} answer: {@code {success, errorReason?, errorMessage?, payer?,
 * transaction, network}}. {@code transaction} is "" when nothing was sent on chain; {@code network}
 * is as the facilitator wrote it (CAIP-2 for v2, a v1 name for v1).
 */
public record SettleResult(
        boolean success,
        Optional<String> errorReason,
        Optional<String> errorMessage,
        String transaction,
        String network,
        Optional<String> payer) {
}
