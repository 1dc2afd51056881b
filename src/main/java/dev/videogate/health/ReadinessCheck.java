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

    /** @param problem what is wrong now, or null when this part is fine */
    public ReadinessCheck(String id, Supplier<String> problem) {
        super("gateway", id);
        this.problem = problem;
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
        } else {
            builder.message(wrong).down();
        }
    }
}
