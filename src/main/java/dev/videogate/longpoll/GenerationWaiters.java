package dev.videogate.longpoll;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is waiting for which generation to end, in this instance, within two caps: callers held in all, and
 * callers held on one generation (so one caller cannot take the whole instance). Woken by {@link FinalStateListener}.
 */
public final class GenerationWaiters {

    private final Map<String, Set<Runnable>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final int maxHeld;
    private final int maxPerGeneration;
    private final Set<String> retry = ConcurrentHashMap.newKeySet();
    private volatile BiConsumer<String, Set<Runnable>> together;

    public GenerationWaiters(int maxHeld, int maxPerGeneration) {
        this.maxHeld = maxHeld;
        this.maxPerGeneration = maxPerGeneration;
    }

    /** Parks onEnd until the generation ends; false (nothing parked) when a cap is reached. */
    public boolean add(String generationId, Runnable onEnd) {
        if (held.incrementAndGet() > maxHeld) {
            held.decrementAndGet();
            return false;
        }
        boolean[] added = {false};
        waiting.compute(generationId, (k, set) -> {
            Set<Runnable> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (waiters.size() < maxPerGeneration) {
                added[0] = waiters.add(onEnd);
            }
            return waiters.isEmpty() ? null : waiters;
        });
        if (!added[0]) {
            held.decrementAndGet();
        }
        return added[0];
    }

    public void remove(String generationId, Runnable onEnd) {
        waiting.computeIfPresent(generationId, (k, set) -> {
            if (set.remove(onEnd)) {
                held.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Who answers the callers woken together on one generation (the long-poll handler: one status read shared by all
     * of them); without one, each caller is woken on its own. Woken callers stay parked until they are answered, so
     * a read that finds the generation still running (or the database out of reach) keeps them waiting.
     */
    public void onWake(BiConsumer<String, Set<Runnable>> together) {
        this.together = together;
    }

    /** The generation may have ended: its callers look again (each caller removes itself once answered). */
    public void wake(String generationId) {
        Set<Runnable> parked = waiting.get(generationId);
        if (parked == null) {
            return;
        }
        Set<Runnable> woken = Set.copyOf(parked);
        BiConsumer<String, Set<Runnable>> handler = together;
        if (handler != null) {
            handler.accept(generationId, woken);
        } else {
            woken.forEach(Runnable::run);
        }
    }

    /** After a lost notification channel: every held generation is looked at again (a NOTIFY may have been missed). */
    public void wakeAll() {
        retry.clear();
        List.copyOf(waiting.keySet()).forEach(this::wake);
    }

    /** A look at this generation could not read the database: look again once it answers ({@link #wakeRetries}). */
    public void retryLater(String generationId) {
        retry.add(generationId);
    }

    /** Called by the listener while it is connected: the looks that could not read the database are made again. */
    public void wakeRetries() {
        for (String generationId : List.copyOf(retry)) {
            retry.remove(generationId);
            wake(generationId);
        }
    }

    public int count() {
        return held.get();
    }
}
