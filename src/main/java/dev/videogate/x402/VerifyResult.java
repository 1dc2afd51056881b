package dev.videogate.x402;

import java.util.Optional;

/** Facilitator {@code POST /verify} answer: {@code {isValid, invalidReason?, invalidMessage?, payer?}}. */
public record VerifyResult(boolean isValid, Optional<String> invalidReason, Optional<String> invalidMessage, Optional<String> payer) {
}
