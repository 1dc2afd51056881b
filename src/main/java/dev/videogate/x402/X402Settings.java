package dev.videogate.x402;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the gateway sells against: where the money goes, on which network, in which token, how long a
 * signed authorization may take, and which facilitator verifies and settles.
 *
 * <p>{@code facilitatorAuthorization} is a secret (an Authorization header value for hosted
 * facilitators): it never appears in messages, and {@link #toString()} masks it. With {@code app.x402.facilitator=cdp}
 * (Coinbase's CDP facilitator) there is no static header: {@code cdpKey} signs a new JWT for every request.
 */
public record X402Settings(
        EvmAddress payTo,
        X402Network network,
        TokenAsset asset,
        int maxTimeoutSeconds,
        int minValiditySeconds,
        URI facilitatorUrl,
        Optional<String> facilitatorAuthorization,
        Optional<CdpApiKey> cdpKey) {

    public static final String PAY_TO = "app.x402.pay-to";
    public static final String NETWORK = "app.x402.network";
    public static final String ASSET = "app.x402.asset";
    public static final String ASSET_NAME = "app.x402.asset-name";
    public static final String ASSET_VERSION = "app.x402.asset-version";
    public static final String MAX_TIMEOUT_SECONDS = "app.x402.max-timeout-seconds";
    public static final String MIN_VALIDITY_SECONDS = "app.x402.min-validity-seconds";
    public static final String FACILITATOR_URL = "app.x402.facilitator-url";
    public static final String FACILITATOR_AUTHORIZATION = "app.x402.facilitator-authorization";
    /** plain (any facilitator, optional static Authorization header) or cdp (Coinbase's, a JWT per request). */
    public static final String FACILITATOR = "app.x402.facilitator";
    public static final String CDP_API_KEY_ID = "app.x402.cdp-api-key-id";
    public static final String CDP_API_KEY_SECRET = "app.x402.cdp-api-key-secret";

    public static final String DEFAULT_NETWORK = "base-sepolia";
    public static final int DEFAULT_MAX_TIMEOUT_SECONDS = 300;
    /** Verify, createTask and settle must all fit before validBefore, with room for slow upstreams. */
    public static final int DEFAULT_MIN_VALIDITY_SECONDS = 60;
    public static final String DEFAULT_FACILITATOR_URL = "https://x402.org/facilitator";
    public static final String CDP_FACILITATOR_URL = "https://api.cdp.coinbase.com/platform/v2/x402";

    // The facilitator refuses authorizations with less than 6 s left; below ~10 s a payment cannot arrive in time.
    static final int MIN_TIMEOUT_SECONDS = 10;
    static final int MAX_TIMEOUT_SECONDS_LIMIT = 86_400;

    public X402Settings {
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(facilitatorUrl, "facilitatorUrl");
        facilitatorAuthorization = facilitatorAuthorization == null ? Optional.empty() : facilitatorAuthorization;
        cdpKey = cdpKey == null ? Optional.empty() : cdpKey;
        if (cdpKey.isPresent() && facilitatorAuthorization.isPresent()) {
            throw new IllegalArgumentException("a CDP key and a static Authorization header exclude each other");
        }
    }

    /**
     * Reads and validates the {@code app.x402.*} keys. Blank values count as missing. Bad values throw
     * {@link IllegalStateException} naming the key and (except for secrets) the value.
     *
     * <p>Token name/version default from the network only when the asset is that network's USDC; a
     * token of our own (e.g. on a local chain) must state its EIP-712 domain explicitly, because a
     * wrong domain makes every signature fail.
     */
    public static X402Settings fromProperties(Function<String, String> lookup) {
        String payToText = required(lookup, PAY_TO);
        EvmAddress payTo;
        try {
            payTo = EvmAddress.parse(payToText.trim());
        } catch (IllegalArgumentException e) {
            throw bad(PAY_TO, e.getMessage());
        }
        if (payTo.lowercase().equals("0x0000000000000000000000000000000000000000")) {
            throw bad(PAY_TO, "'" + payToText + "' is the zero address; payments to it are burnt");
        }

        String networkText = optional(lookup, NETWORK).orElse(DEFAULT_NETWORK);
        X402Network network;
        try {
            network = X402Network.parse(networkText);
        } catch (IllegalArgumentException e) {
            throw bad(NETWORK, "'" + networkText + "' is not a supported network; supported: " + X402Network.supportedNames());
        }

        TokenAsset asset = readAsset(lookup, network);

        int timeout = wholeSeconds(lookup, MAX_TIMEOUT_SECONDS, DEFAULT_MAX_TIMEOUT_SECONDS);
        if (timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS_LIMIT) {
            throw bad(MAX_TIMEOUT_SECONDS, "'" + timeout + "' is out of range " + MIN_TIMEOUT_SECONDS + ".." + MAX_TIMEOUT_SECONDS_LIMIT);
        }
        int validity = wholeSeconds(lookup, MIN_VALIDITY_SECONDS, DEFAULT_MIN_VALIDITY_SECONDS);
        if (validity < 6 || validity > timeout) {
            throw bad(MIN_VALIDITY_SECONDS, "'" + validity + "' must be at least 6 and at most " + MAX_TIMEOUT_SECONDS + " (" + timeout + ")");
        }

        String kind = optional(lookup, FACILITATOR).map(String::trim).orElse("plain");
        if (!kind.equals("plain") && !kind.equals("cdp")) {
            throw bad(FACILITATOR, "'" + kind + "' is neither plain (any facilitator) nor cdp (Coinbase's, a JWT per request)");
        }
        boolean cdp = kind.equals("cdp");
        String urlText = optional(lookup, FACILITATOR_URL).orElse(cdp ? CDP_FACILITATOR_URL : DEFAULT_FACILITATOR_URL).trim();
        URI url;
        try {
            url = URI.create(urlText.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw bad(FACILITATOR_URL, "'" + urlText + "' is not a URL");
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
            throw bad(FACILITATOR_URL, "'" + urlText + "' is not an absolute http(s) URL");
        }

        Optional<String> auth = optional(lookup, FACILITATOR_AUTHORIZATION).map(String::trim);
        if (auth.isPresent() && auth.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // value deliberately not echoed: it is a secret
            throw bad(FACILITATOR_AUTHORIZATION, "contains control characters (value not shown)");
        }
        Optional<CdpApiKey> cdpKey = Optional.empty();
        if (cdp) {
            if (auth.isPresent()) {
                throw bad(FACILITATOR_AUTHORIZATION, "must be empty with " + FACILITATOR + "=cdp: the CDP facilitator's"
                        + " Authorization is a new JWT per request, signed with CDP_API_KEY_ID / CDP_API_KEY_SECRET");
            }
            String id = optional(lookup, CDP_API_KEY_ID).orElseThrow(() -> bad(CDP_API_KEY_ID,
                    "is required with " + FACILITATOR + "=cdp (set CDP_API_KEY_ID in the environment)"));
            String secret = optional(lookup, CDP_API_KEY_SECRET).orElseThrow(() -> bad(CDP_API_KEY_SECRET,
                    "is required with " + FACILITATOR + "=cdp (set CDP_API_KEY_SECRET in the environment)"));
            try {
                cdpKey = Optional.of(CdpApiKey.parse(id, secret));
            } catch (IllegalArgumentException e) {
                // CdpApiKey's messages never hold the secret
                throw bad(CDP_API_KEY_SECRET, e.getMessage() + " (value not shown)");
            }
        }
        return new X402Settings(payTo, network, asset, timeout, validity, url, auth, cdpKey);
    }

    private static int wholeSeconds(Function<String, String> lookup, String key, int fallback) {
        String text = optional(lookup, key).orElse(String.valueOf(fallback));
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw bad(key, "'" + text + "' is not a whole number of seconds");
        }
    }

    private static TokenAsset readAsset(Function<String, String> lookup, X402Network network) {
        Optional<TokenAsset> usdc = network.defaultUsdc();
        Optional<String> assetText = optional(lookup, ASSET);
        EvmAddress address;
        if (assetText.isPresent()) {
            try {
                address = EvmAddress.parse(assetText.get().trim());
            } catch (IllegalArgumentException e) {
                throw bad(ASSET, e.getMessage());
            }
        } else if (usdc.isPresent()) {
            address = usdc.get().address();
        } else {
            throw bad(ASSET, "is required on " + network.caip2() + " (no default USDC known for that network)");
        }
        boolean isDefaultUsdc = usdc.isPresent() && usdc.get().address().equals(address);
        String name = optional(lookup, ASSET_NAME).map(String::trim)
                .or(() -> isDefaultUsdc ? Optional.of(usdc.get().eip712Name()) : Optional.empty())
                .orElseThrow(() -> bad(ASSET_NAME, "is required for asset " + address + " (its EIP-712 domain name)"));
        String version = optional(lookup, ASSET_VERSION).map(String::trim)
                .or(() -> isDefaultUsdc ? Optional.of(usdc.get().eip712Version()) : Optional.empty())
                .orElseThrow(() -> bad(ASSET_VERSION, "is required for asset " + address + " (its EIP-712 domain version)"));
        return new TokenAsset(address, name, version, UsdcAmount.DECIMALS);
    }

    private static String required(Function<String, String> lookup, String key) {
        return optional(lookup, key).orElseThrow(() -> bad(key, "is required (the wallet that receives payments)"));
    }

    private static Optional<String> optional(Function<String, String> lookup, String key) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static IllegalStateException bad(String key, String problem) {
        return new IllegalStateException(key + ": " + problem);
    }

    @Override
    public String toString() {
        return "X402Settings[payTo=" + payTo + ", network=" + network + ", asset=" + asset.address()
                + " (" + asset.eip712Name() + " v" + asset.eip712Version() + "), maxTimeoutSeconds=" + maxTimeoutSeconds
                + ", facilitatorUrl=" + facilitatorUrl
                + ", facilitatorAuthorization=" + (facilitatorAuthorization.isPresent() ? "****" : "none")
                + ", cdpKey=" + cdpKey.map(k -> k.id() + " (" + k.type() + ")").orElse("none") + "]";
    }
}
