package io.parcelwatch.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The KPI windows: tumbling hours and days of event time (UTC), each in its own time-based indices. */
public enum KpiGranularity {
    HOUR(Duration.ofHours(1), DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC)),
    DAY(Duration.ofDays(1), DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC));

    private final long millis;
    private final DateTimeFormatter indexSuffix;

    KpiGranularity(Duration size, DateTimeFormatter indexSuffix) {
        this.millis = size.toMillis();
        this.indexSuffix = indexSuffix;
    }

    public long start(long time) {
        return Math.floorDiv(time, millis) * millis;
    }

    public long end(long start) {
        return start + millis;
    }

    /** {@code kpi-hour-2026.11}, {@code kpi-day-2026}: by the window's start. */
    public String index(long windowStart) {
        return "kpi-" + fieldValue() + "-" + indexSuffix.format(Instant.ofEpochMilli(windowStart));
    }

    public String fieldValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
