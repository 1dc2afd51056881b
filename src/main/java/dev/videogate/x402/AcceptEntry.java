package dev.videogate.x402;

import java.util.Objects;
import java.util.Optional;

/**
 * One configured way to be paid: a network, a token on it, a payTo, the facilitator that verifies and settles there,
 * and the chain's JSON-RPC (balance reads, reconciliation). {@code key} is its settings prefix, for messages:
 * {@code app.x402.accepts[1]}, or {@code app.x402} for the single-network form.
 */
public record AcceptEntry(String key, X402Settings settings, Optional<String> rpcUrl) {

    public AcceptEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(settings, "settings");
        rpcUrl = rpcUrl == null ? Optional.empty() : rpcUrl;
    }

    public X402Network network() {
        return settings.network();
    }

    public TokenAsset asset() {
        return settings.asset();
    }

    @Override
    public String toString() {
        return key + " " + settings + ", rpc " + (rpcUrl.isPresent() ? "set" : "none");
    }
}
