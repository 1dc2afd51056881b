package dev.videogate.x402;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EVM network as x402 names it: v2 uses CAIP-2 ids ({@code eip155:84532}), v1 uses legacy names
 * ({@code base-sepolia}).
 *
 * <p>Decision for custom chains ({@code eip155:<n>} with no known v1 name): v1 is NOT offered. The
 * v1 clients validate the network against a fixed list of names (x402 {@code NetworkSchema}) and the
 * v1 facilitator maps names to chain ids from a fixed table, so a CAIP id in a v1 message would be
 * refused by both. Such a network has {@link #v1Name()} empty and no default asset.
 */
public final class X402Network {

    private static final Pattern CAIP2_EVM = Pattern.compile("^eip155:([1-9][0-9]{0,17})$");

    public static final X402Network BASE = new X402Network(8453, "base",
            new TokenAsset(EvmAddress.parse("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"), "USD Coin", "2", 6),
            "https://mainnet.base.org");
    public static final X402Network BASE_SEPOLIA = new X402Network(84532, "base-sepolia",
            new TokenAsset(EvmAddress.parse("0x036CbD53842c5426634e7929541eC2318f3dCF7e"), "USDC", "2", 6),
            "https://sepolia.base.org");

    private static final List<X402Network> KNOWN = List.of(BASE, BASE_SEPOLIA);

    private final long chainId;
    private final String v1Name;
    private final TokenAsset defaultUsdc;
    private final String publicRpcUrl;

    private X402Network(long chainId, String v1Name, TokenAsset defaultUsdc, String publicRpcUrl) {
        this.chainId = chainId;
        this.v1Name = v1Name;
        this.defaultUsdc = defaultUsdc;
        this.publicRpcUrl = publicRpcUrl;
    }

    /**
     * Accepts a v1 name ({@code base}, {@code base-sepolia}) or any CAIP-2 EVM id ({@code eip155:<n>}).
     * A CAIP id of a known chain yields that known network (so it keeps its v1 name and USDC).
     */
    public static X402Network parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("network is empty; supported: " + supportedNames());
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (X402Network n : KNOWN) {
            if (n.v1Name.equals(t) || n.caip2().equals(t)) {
                return n;
            }
        }
        Matcher m = CAIP2_EVM.matcher(t);
        if (m.matches()) {
            return new X402Network(Long.parseLong(m.group(1)), null, null, null);
        }
        throw new IllegalArgumentException("unknown network '" + text + "'; supported: " + supportedNames());
    }

    /** Human-readable list for error messages. */
    public static String supportedNames() {
        StringBuilder sb = new StringBuilder();
        for (X402Network n : KNOWN) {
            sb.append(n.v1Name).append(" (").append(n.caip2()).append("), ");
        }
        return sb.append("or any eip155:<chainId> (v2 only)").toString();
    }

    public long chainId() {
        return chainId;
    }

    /** The chain's public JSON-RPC endpoint, empty for custom chains. */
    public Optional<String> publicRpcUrl() {
        return Optional.ofNullable(publicRpcUrl);
    }

    /** CAIP-2 id, the v2 wire form. */
    public String caip2() {
        return "eip155:" + chainId;
    }

    /** Legacy v1 name, empty for custom chains (v1 not offered there). */
    public Optional<String> v1Name() {
        return Optional.ofNullable(v1Name);
    }

    public boolean supportsV1() {
        return v1Name != null;
    }

    /** The network string for the given wire version (1 -> v1 name, 2 -> CAIP-2). */
    public String wireName(int x402Version) {
        if (x402Version == 1) {
            return v1Name().orElseThrow(() -> new IllegalStateException(
                    "x402 v1 has no name for " + caip2() + "; only v2 is offered on this network"));
        }
        return caip2();
    }

    /** Circle's USDC on this network, if we know it. */
    public Optional<TokenAsset> defaultUsdc() {
        return Optional.ofNullable(defaultUsdc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X402Network other && chainId == other.chainId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId);
    }

    @Override
    public String toString() {
        return v1Name == null ? caip2() : v1Name + " (" + caip2() + ")";
    }
}
