package dev.videogate.x402;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The Authorization header of one call to the facilitator: none, the static value of
 * app.x402.facilitator-authorization, or, for Coinbase's CDP facilitator, a new JWT for exactly that call (its method,
 * and the host and path of the configured facilitator URL plus the operation). Only the three facilitator operations
 * are signed for: nothing a caller sends chooses what is signed.
 */
public final class FacilitatorAuthorization {

    static final Set<String> OPERATIONS = Set.of("verify", "settle", "supported");
    static final Set<String> METHODS = Set.of("GET", "POST");

    private final String authority;
    private final String basePath;
    private final Optional<String> fixed;
    private final CdpJwt cdp;

    private FacilitatorAuthorization(URI base, Optional<String> fixed, CdpJwt cdp) {
        this.authority = base == null ? null : base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
        this.basePath = base == null || base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        this.fixed = fixed;
        this.cdp = cdp;
    }

    /** No header (payment off). */
    public static FacilitatorAuthorization none() {
        return new FacilitatorAuthorization(null, Optional.empty(), null);
    }

    public static FacilitatorAuthorization of(X402Settings settings, Clock clock) {
        return new FacilitatorAuthorization(settings.facilitatorUrl(), settings.facilitatorAuthorization(),
                settings.cdpKey().map(key -> new CdpJwt(key, clock)).orElse(null));
    }

    /** The header's value for one call, or "" for none. */
    public String value(String method, String operation) {
        if (method == null || operation == null || !METHODS.contains(method) || !OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("not a facilitator call: " + method + " /" + operation);
        }
        if (cdp != null) {
            return "Bearer " + cdp.token(method, authority, basePath + "/" + operation);
        }
        return fixed.orElse("");
    }
}
