package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the facilitator says it supports (GET /supported, read at start and then periodically), and whether it accepts
 * our credentials: read, not assumed. The 402 offers only the (x402 version, scheme, network) kinds it lists for our
 * network; readiness is down, with the reason, when it lists none of ours or refused our credentials.
 *
 * <p>Until a first readable answer, or when the last read failed, the last known list stands (at first: everything
 * configured is offered, and only the reachability check speaks for the facilitator).
 */
public final class FacilitatorSupport {

    /** One kind of payment a facilitator verifies and settles. */
    public record Kind(int x402Version, String scheme, String network) {
        @Override
        public String toString() {
            return "v" + x402Version + " " + scheme + " on " + network;
        }
    }

    private final X402Network network;
    private final AtomicLong revision = new AtomicLong();
    private volatile Set<Kind> kinds; // null until a readable answer
    private volatile String credentialsRefused;
    private volatile String lastReadProblem;

    public FacilitatorSupport(X402Network network) {
        this.network = network;
    }

    /** The answer to GET /supported: its status and body (null when there was none). */
    public void answered(Integer status, String body) {
        if (status != null && (status == 401 || status == 403)) {
            refused("/supported", status);
            return;
        }
        if (status == null || status < 200 || status > 299) {
            lastReadProblem = "/supported answered HTTP " + status;
            return;
        }
        Set<Kind> read = new LinkedHashSet<>();
        try {
            JsonNode list = X402Json.mapper().readTree(body == null ? "" : body).path("kinds");
            if (!list.isArray()) {
                lastReadProblem = "/supported gave no kinds list";
                return;
            }
            for (JsonNode k : list) {
                if (k.path("x402Version").canConvertToInt() && k.path("scheme").isTextual() && k.path("network").isTextual()) {
                    read.add(new Kind(k.path("x402Version").asInt(), k.path("scheme").asText(), k.path("network").asText()));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            lastReadProblem = "/supported gave an unreadable answer";
            return;
        }
        lastReadProblem = null;
        credentialsRefused = null;
        Set<Kind> before = kinds;
        kinds = Set.copyOf(read);
        if (!kinds.equals(before)) {
            revision.incrementAndGet();
        }
    }

    /** /supported could not be asked (unreachable, too slow): the last known list stands. */
    public void unanswered(String why) {
        lastReadProblem = "/supported " + why;
    }

    /** The facilitator answered one of our calls with 401 or 403: it refuses our credentials. */
    public void refused(String call, int status) {
        credentialsRefused = "the facilitator refuses our credentials (HTTP " + status + " on " + call + ")";
    }

    /** The facilitator accepted a call of ours (a 2xx): whatever it refused before, it takes our credentials now. */
    public void accepted() {
        credentialsRefused = null;
    }

    /** Whether a payment of this x402 version ("exact", on our network) may be offered and taken. */
    public boolean offers(int x402Version) {
        if (x402Version == 1 && !network.supportsV1()) {
            return false;
        }
        Set<Kind> known = kinds;
        return known == null || known.contains(new Kind(x402Version, RequirementsBuilder.SCHEME_EXACT, network.wireName(x402Version)));
    }

    /** Changes whenever the list read changes (what was rendered from the last one is stale then). */
    public long revision() {
        return revision.get();
    }

    /** What makes the facilitator unusable now (readiness down), or null. */
    public String problem() {
        String refused = credentialsRefused;
        if (refused != null) {
            return refused;
        }
        Set<Kind> known = kinds;
        if (known != null && !offers(2) && !offers(1)) {
            return "the facilitator does not support exact payments on " + network + " (its /supported lists: "
                    + (known.isEmpty() ? "nothing" : known.stream().map(Kind::toString).collect(Collectors.joining(", "))) + ")";
        }
        return null;
    }

    /** Why the last read of /supported gave nothing new, or null (for the log). */
    public String lastReadProblem() {
        return lastReadProblem;
    }
}
