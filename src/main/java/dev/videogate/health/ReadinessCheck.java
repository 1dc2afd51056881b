package dev.videogate.health;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One thing the bundle needs to serve a paid request, as a readiness check on /observe/health/ready: the probe
 * asks it; a failing part takes the instance out of the load balancer without restarting it (liveness is Camel's).
 */
public final class ReadinessCheck extends AbstractHealthCheck {

    private final Supplier<String> problem;
    private final boolean advisory;
    private final Supplier<Map<String, String>> details;

    /** @param problem what is wrong now, or null when this part is fine */
    public ReadinessCheck(String id, Supplier<String> problem) {
        this(id, problem, Map::of, false);
    }

    /** @param details what is worth knowing even while up (e.g. a payment option dropped while others remain) */
    public ReadinessCheck(String id, Supplier<String> problem, Supplier<Map<String, String>> details) {
        this(id, problem, details, false);
    }

    private ReadinessCheck(String id, Supplier<String> problem, Supplier<Map<String, String>> details, boolean advisory) {
        super("gateway", id);
        this.problem = problem;
        this.details = details;
        this.advisory = advisory;
    }

    /**
     * A check that never takes the instance out of the load balancer: what it finds wrong is its message (shown with
     * ?exposureLevel=full; also the detail {@code warning}) while it stays UP, for a fault that slows requests but
     * fails none.
     */
    public static ReadinessCheck advisory(String id, Supplier<String> warning) {
        return new ReadinessCheck(id, warning, Map::of, true);
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
        Map<String, String> notes;
        try {
            notes = details.get();
        } catch (RuntimeException e) {
            notes = Map.of("details", e.getClass().getSimpleName());
        }
        notes.forEach(builder::detail); // shown with ?data=true
        if (wrong == null) {
            if (!notes.isEmpty()) {
                // the probe's full view shows an up check's message (not its details): what is worth knowing goes there
                builder.message(notes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(java.util.stream.Collectors.joining("; ")));
            }
            builder.up();
        } else if (advisory) {
            builder.detail("warning", wrong).message(wrong).up();
        } else {
            builder.message(wrong).down();
        }
    }
}
