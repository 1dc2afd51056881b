package dev.videogate.health;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One thing the bundle needs to serve a paid request, as a readiness check on /observe/health/ready: the probe
 * asks it; a failing part takes the instance out of the load balancer without restarting it (liveness is Camel's).
 * Two answers: a problem (DOWN, with the reason), and notes, what is worth knowing while UP (a payment option dropped
 * while others remain, a public URL Kie.ai cannot call back): the details, and the message the probe's full view shows.
 */
public final class ReadinessCheck extends AbstractHealthCheck {

    private final Supplier<String> problem;
    private final Supplier<Map<String, String>> notes;

    /** @param problem what is wrong now, or null when this part is fine */
    public ReadinessCheck(String id, Supplier<String> problem) {
        this(id, problem, Map::of);
    }

    /** @param notes what is worth knowing even while up, by name (empty when nothing is) */
    public ReadinessCheck(String id, Supplier<String> problem, Supplier<Map<String, String>> notes) {
        super("gateway", id);
        this.problem = problem;
        this.notes = notes;
    }

    /**
     * A check that never takes the instance out of the load balancer, for a fault that slows requests but fails none:
     * what it finds wrong is its note {@code warning}.
     */
    public static ReadinessCheck advisory(String id, Supplier<String> warning) {
        return new ReadinessCheck(id, () -> null, () -> {
            String wrong = warning.get();
            return wrong == null ? Map.of() : Map.of("warning", wrong);
        });
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String wrong;
        try {
            wrong = problem.get();
        } catch (RuntimeException e) {
            wrong = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, String> known;
        try {
            known = notes.get();
        } catch (RuntimeException e) {
            known = Map.of("notes", e.getClass().getSimpleName());
        }
        known.forEach(builder::detail); // shown with ?data=true
        if (wrong != null) {
            builder.message(wrong).down();
            return;
        }
        if (!known.isEmpty()) {
            // the probe's full view shows an up check's message (not its details): the notes go there too
            builder.message(known.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        builder.up();
    }
}
