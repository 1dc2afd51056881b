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

    /** @param problem what is wrong now, or null when this part is fine */
    public ReadinessCheck(String id, Supplier<String> problem) {
        this(id, problem, false);
    }

    private ReadinessCheck(String id, Supplier<String> problem, boolean advisory) {
        super("gateway", id);
        this.problem = problem;
        this.advisory = advisory;
    }

    /**
     * A check that never takes the instance out of the load balancer: what it finds wrong is its message (shown with
     * ?exposureLevel=full; also the detail {@code warning}) while it stays UP, for a fault that slows requests but
     * fails none.
     */
    public static ReadinessCheck advisory(String id, Supplier<String> warning) {
        return new ReadinessCheck(id, warning, true);
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
        if (wrong == null) {
            builder.up();
        } else if (advisory) {
            builder.detail("warning", wrong).message(wrong).up();
        } else {
            builder.message(wrong).down();
        }
    }
}
