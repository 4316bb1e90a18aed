package io.parcelwatch.report;

import java.time.Duration;

/** The window length of a KPI document: the {@code granularity} field of the kpi-* indices. */
public enum Granularity {
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    private final String field;
    private final Duration window;

    Granularity(String field, Duration window) {
        this.field = field;
        this.window = window;
    }

    /** The value of the documents' {@code granularity} field. */
    public String field() {
        return field;
    }

    public Duration window() {
        return window;
    }

    /** Reads the documents' field value back, or null when it is none of ours. */
    public static Granularity ofField(String value) {
        for (Granularity g : values()) {
            if (g.field.equals(value)) {
                return g;
            }
        }
        return null;
    }
}
