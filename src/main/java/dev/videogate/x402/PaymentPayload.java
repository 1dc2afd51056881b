package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded {@code PAYMENT-SIGNATURE} (v2) or {@code X-PAYMENT} (v1) header.
 *
 * <p>{@code original} is the decoded JSON tree as the client sent it: it is what goes to the
 * facilitator, unchanged, because any re-serialisation risks altering what was signed for.
 * {@code signature} is empty when the client left it out (the checker refuses that).
 */
public record PaymentPayload(
        int x402Version,
        String scheme,
        X402Network network,
        Optional<AcceptedRequirement> accepted,
        Optional<String> signature,
        Authorization authorization,
        JsonNode original) {

    public PaymentPayload {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(original, "original");
        accepted = accepted == null ? Optional.empty() : accepted;
        signature = signature == null ? Optional.empty() : signature;
    }

    /** The address that pays (authorization.from). */
    public EvmAddress payer() {
        return authorization.from();
    }
}
