package dev.videogate.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models Kie.ai has told us it paused ("This interface is temporarily paused"), until when. The next callers of such
 * a model are refused before they pay, instead of paying, being verified and then hearing it from Kie.ai. Per
 * instance, in memory: each instance learns it from its own first refused createTask.
 */
public final class ModelAvailability {

    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Duration pause;
    private final Clock clock;

    public ModelAvailability(Duration pause, Clock clock) {
        this.pause = pause;
        this.clock = clock;
    }

    /** Kie.ai refused this public model as paused: refuse it up front for the configured time. */
    public void pausedByKie(String model) {
        pausedUntil.put(model, clock.instant().plus(pause));
    }

    /** Until when the model is refused, if it is now. */
    public Optional<Instant> pausedUntil(String model) {
        Instant until = pausedUntil.get(model);
        if (until == null) {
            return Optional.empty();
        }
        if (!until.isAfter(clock.instant())) {
            pausedUntil.remove(model, until);
            return Optional.empty();
        }
        return Optional.of(until);
    }

    public long secondsLeft(Instant until) {
        return Math.max(1, Duration.between(clock.instant(), until).toSeconds());
    }
}
