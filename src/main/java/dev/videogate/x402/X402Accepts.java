package dev.videogate.x402;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every way the gateway may be paid, read from the settings: either the single-network keys ({@code app.x402.network},
 * {@code asset}, {@code pay-to}, ..., {@code rpc-url}: one entry, as before), or the list form
 * {@code app.x402.accepts[i].network|asset|asset-name|asset-version|pay-to|rpc-url|facilitator|facilitator-url|
 * facilitator-authorization|cdp-api-key-id|cdp-api-key-secret}, indexes 0.. without gaps.
 *
 * <p>A list entry must name its own network, and its token unless the network has a known USDC; pay-to defaults to
 * {@code app.x402.pay-to}; the facilitator keys default, all together, to the shared ones only when the entry sets none
 * of them (a shared secret never goes to a facilitator the entry chose); the RPC defaults to the network's public one.
 * The same network and token twice is refused. Every problem names its key.
 */
public final class X402Accepts {

    public static final String PREFIX = "app.x402.accepts";
    /** How many list entries are looked for (indexes 0..MAX_ENTRIES-1). */
    public static final int MAX_ENTRIES = 16;
    public static final String RPC_URL = "app.x402.rpc-url";

    // the single-network key -> its name inside a list entry
    private static final Map<String, String> ENTRY_KEYS = Map.ofEntries(
            Map.entry(X402Settings.NETWORK, "network"), Map.entry(X402Settings.ASSET, "asset"),
            Map.entry(X402Settings.ASSET_NAME, "asset-name"), Map.entry(X402Settings.ASSET_VERSION, "asset-version"),
            Map.entry(X402Settings.PAY_TO, "pay-to"), Map.entry(X402Settings.FACILITATOR, "facilitator"),
            Map.entry(X402Settings.FACILITATOR_URL, "facilitator-url"),
            Map.entry(X402Settings.FACILITATOR_AUTHORIZATION, "facilitator-authorization"),
            Map.entry(X402Settings.CDP_API_KEY_ID, "cdp-api-key-id"), Map.entry(X402Settings.CDP_API_KEY_SECRET, "cdp-api-key-secret"));
    // never taken from the shared keys: what the entry is
    private static final Set<String> OWN_ONLY = Set.of(X402Settings.NETWORK, X402Settings.ASSET, X402Settings.ASSET_NAME,
            X402Settings.ASSET_VERSION);
    // taken from the shared keys only as a group, when the entry sets none of them
    private static final Set<String> FACILITATOR_GROUP = Set.of(X402Settings.FACILITATOR, X402Settings.FACILITATOR_URL,
            X402Settings.FACILITATOR_AUTHORIZATION, X402Settings.CDP_API_KEY_ID, X402Settings.CDP_API_KEY_SECRET);

    private X402Accepts() {
    }

    /** The configured entries, in order (at least one). Throws {@link IllegalStateException} naming the key at fault. */
    public static List<AcceptEntry> fromProperties(Function<String, String> lookup) {
        if (!listed(lookup)) {
            X402Settings single = X402Settings.fromProperties(lookup);
            Optional<String> rpc = optional(lookup, RPC_URL).or(() -> single.network().publicRpcUrl());
            return List.of(new AcceptEntry("app.x402", single, rpc));
        }
        for (String singleOnly : List.of(X402Settings.ASSET, X402Settings.ASSET_NAME, X402Settings.ASSET_VERSION, RPC_URL)) {
            if (optional(lookup, singleOnly).isPresent()) {
                throw new IllegalStateException(singleOnly + ": belongs to the single-network form; with " + PREFIX
                        + "[i].* set, give each entry its own (" + PREFIX + "[i]." + singleOnly.substring("app.x402.".length()) + ")");
            }
        }
        List<AcceptEntry> entries = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < MAX_ENTRIES; i++) {
            String prefix = PREFIX + "[" + i + "]";
            boolean any = entryKeysSet(lookup, prefix);
            if (!any) {
                ended = true;
                continue;
            }
            if (ended) {
                throw new IllegalStateException(prefix + ": entries must be numbered from 0 without gaps ("
                        + PREFIX + "[" + (i - 1) + "] is missing)");
            }
            if (optional(lookup, prefix + ".network").isEmpty()) {
                throw new IllegalStateException(prefix + ".network: is required (the CAIP-2 id of the entry's chain, e.g. eip155:8453)");
            }
            AcceptEntry entry = entry(lookup, prefix);
            for (AcceptEntry before : entries) {
                if (before.network().equals(entry.network()) && before.asset().address().equals(entry.asset().address())) {
                    throw new IllegalStateException(prefix + ": offers " + entry.network().caip2() + " " + entry.asset().address()
                            + " again (already " + before.key() + "); each network and token once");
                }
            }
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    private static AcceptEntry entry(Function<String, String> lookup, String prefix) {
        boolean ownFacilitator = FACILITATOR_GROUP.stream().anyMatch(k -> optional(lookup, prefix + "." + ENTRY_KEYS.get(k)).isPresent());
        Function<String, String> entryLookup = key -> {
            String suffix = ENTRY_KEYS.get(key);
            if (suffix == null) {
                return lookup.apply(key); // shared by all entries (timeouts)
            }
            String own = lookup.apply(prefix + "." + suffix);
            if (own != null && !own.isBlank()) {
                return own;
            }
            if (OWN_ONLY.contains(key) || (ownFacilitator && FACILITATOR_GROUP.contains(key))) {
                return null;
            }
            return lookup.apply(key);
        };
        X402Settings settings;
        try {
            settings = X402Settings.fromProperties(entryLookup);
        } catch (IllegalStateException e) {
            throw renamed(e, lookup, prefix, ownFacilitator);
        }
        Optional<String> rpc = optional(lookup, prefix + ".rpc-url").or(() -> settings.network().publicRpcUrl());
        return new AcceptEntry(prefix, settings, rpc);
    }

    /** A problem of an entry's value is told under the entry's key; one of a shared value keeps the shared key. */
    private static IllegalStateException renamed(IllegalStateException e, Function<String, String> lookup, String prefix,
                                                 boolean ownFacilitator) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (Map.Entry<String, String> k : ENTRY_KEYS.entrySet()) {
            if (message.startsWith(k.getKey() + ":")) {
                String entryKey = prefix + "." + k.getValue();
                boolean entrys = OWN_ONLY.contains(k.getKey()) || optional(lookup, entryKey).isPresent()
                        || (ownFacilitator && FACILITATOR_GROUP.contains(k.getKey()));
                if (entrys) {
                    return new IllegalStateException(entryKey + message.substring(k.getKey().length()), e);
                }
            }
        }
        return e;
    }

    private static boolean listed(Function<String, String> lookup) {
        for (int i = 0; i < MAX_ENTRIES; i++) {
            if (entryKeysSet(lookup, PREFIX + "[" + i + "]")) {
                return true;
            }
        }
        return false;
    }

    private static boolean entryKeysSet(Function<String, String> lookup, String prefix) {
        if (optional(lookup, prefix + ".rpc-url").isPresent()) {
            return true;
        }
        return ENTRY_KEYS.values().stream().anyMatch(suffix -> optional(lookup, prefix + "." + suffix).isPresent());
    }

    private static Optional<String> optional(Function<String, String> lookup, String key) {
        String v = lookup.apply(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
