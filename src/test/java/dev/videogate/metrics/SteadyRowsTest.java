package dev.videogate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A row that stays keeps its gauge across refreshes (a scrape never finds the metric half-registered). */
class SteadyRowsTest {

    @Test
    void aRowThatStaysKeepsItsGaugeAndTakesTheNewValue() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SteadyRows rows = new SteadyRows(MultiGauge.builder("g").register(registry));
        Tags a = Tags.of("state", "a");
        Tags b = Tags.of("state", "b");

        rows.set(Map.of(a, 1L));
        Gauge first = registry.find("g").tags(a).gauge();
        assertEquals(1.0, first.value());

        rows.set(Map.of(a, 2L, b, 5L));
        assertSame(first, registry.find("g").tags(a).gauge(), "not removed and added again");
        assertEquals(2.0, first.value());
        assertEquals(5.0, registry.find("g").tags(b).gauge().value());

        rows.set(Map.of(b, 3L));
        assertNull(registry.find("g").tags(a).gauge(), "a row gone is removed");
        assertEquals(3.0, registry.find("g").tags(b).gauge().value());
    }
}
