package dev.videogate.x402;

import java.util.Objects;

/**
 * An EIP-3009 token as the exact scheme needs it: its contract address and its EIP-712 domain
 * (name, version), which the payer signs over and which go into the requirement's {@code extra}.
 */
public record TokenAsset(EvmAddress address, String eip712Name, String eip712Version, int decimals) {
    public TokenAsset {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(eip712Name, "eip712Name");
        Objects.requireNonNull(eip712Version, "eip712Version");
    }
}
