package dev.videogate.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of a MultiGauge, refreshed in place. MultiGauge.register(rows, true) removes each row's gauge and adds it
 * again, so a scrape that came in between missed the whole metric; here a row that stays keeps its gauge and only its
 * value changes, a new row is added and a row gone is removed.
 */
final class SteadyRows {

    private final MultiGauge gauge;
    private final Map<Tags, AtomicLong> values = new ConcurrentHashMap<>();

    SteadyRows(MultiGauge gauge) {
        this.gauge = gauge;
    }

    synchronized void set(Map<Tags, Long> rows) {
        rows.forEach((tags, value) -> values.computeIfAbsent(tags, t -> new AtomicLong()).set(value));
        values.keySet().retainAll(rows.keySet());
        gauge.register(values.entrySet().stream()
                .map(row -> MultiGauge.Row.of(row.getKey(), row.getValue(), AtomicLong::get)).toList(), false);
    }
}
