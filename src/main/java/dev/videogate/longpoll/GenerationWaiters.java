package dev.videogate.longpoll;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who is waiting for which generation to end, in this instance. Woken by {@link FinalStateListener}. */
public final class GenerationWaiters {

    private final Map<String, Set<Runnable>> waiting = new ConcurrentHashMap<>();

    public void add(String generationId, Runnable onEnd) {
        waiting.computeIfAbsent(generationId, k -> ConcurrentHashMap.newKeySet()).add(onEnd);
    }

    public void remove(String generationId, Runnable onEnd) {
        waiting.computeIfPresent(generationId, (k, set) -> {
            set.remove(onEnd);
            return set.isEmpty() ? null : set;
        });
    }

    public void wake(String generationId) {
        Set<Runnable> woken = waiting.remove(generationId);
        if (woken != null) {
            woken.forEach(Runnable::run);
        }
    }

    /** After a lost notification channel: everyone re-checks, nobody waits on a wake-up that never comes. */
    public void wakeAll() {
        List.copyOf(waiting.keySet()).forEach(this::wake);
    }

    public int count() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
