package io.parcelwatch.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns once-a-second readings of "records consumed so far" into a rate over the time records were
 * flowing: from the first reading above zero to the first reading that covers the whole topic. Job
 * start-up (scheduling, RocksDB opening, the Kafka consumer joining) happens before the first record
 * and is excluded.
 *
 * <p>The rate is the slope between the first reading with records and the last reading before the end,
 * both inside the flowing period: a reading is a snapshot taken up to one metric-fetch interval earlier,
 * and taking both ends from inside the period makes that delay cancel out instead of adding up to a
 * second of idle time to a run of a few seconds. Runs too short for two such readings fall back to the
 * first-to-end span, which is the conservative figure, and runs that fit between two readings to the
 * span from the last empty reading: a lower bound.
 */
final class ConsumptionRate {
    /** Below this span the slope between readings inside the flow is too coarse; use the whole span. */
    static final long MIN_SLOPE_SPAN_NANOS = 2_000_000_000L;

    record Reading(long nanos, long records) {}

    private final long target;
    private final List<Reading> readings = new ArrayList<>();

    ConsumptionRate(long target) {
        this.target = target;
    }

    void add(long nanos, long records) {
        readings.add(new Reading(nanos, records));
    }

    boolean complete() {
        return !readings.isEmpty() && readings.getLast().records() >= target;
    }

    boolean started() {
        return readings.stream().anyMatch(r -> r.records() > 0);
    }

    /** The first reading with records: the start of the flow. */
    Reading first() {
        return readings.stream().filter(r -> r.records() > 0).findFirst().orElseThrow();
    }

    /** The first reading that covers the whole topic. */
    Reading end() {
        return readings.stream().filter(r -> r.records() >= target).findFirst().orElseThrow();
    }

    /** Seconds from the first reading with records to the first reading that covers the topic. */
    double flowSeconds() {
        return (end().nanos() - first().nanos()) / 1e9;
    }

    /** Records per second while the topic was being consumed. */
    double recordsPerSecond() {
        Reading first = first();
        Reading end = end();
        Reading lastInside = readings.stream().filter(r -> r.records() < target && r.nanos() > first.nanos())
                .reduce((a, b) -> b).orElse(null);
        if (lastInside != null && lastInside.nanos() - first.nanos() >= MIN_SLOPE_SPAN_NANOS) {
            return (lastInside.records() - first.records()) * 1e9 / (lastInside.nanos() - first.nanos());
        }
        if (end.nanos() > first.nanos()) {
            return (end.records() - first.records()) * 1e9 / (end.nanos() - first.nanos());
        }
        // Everything arrived between two readings: at least this fast.
        Reading before = readings.stream().filter(r -> r.nanos() < first.nanos()).reduce((a, b) -> b).orElse(null);
        return before == null ? Double.NaN : end.records() * 1e9 / (end.nanos() - before.nanos());
    }
}
