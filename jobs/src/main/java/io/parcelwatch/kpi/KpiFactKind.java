package io.parcelwatch.kpi;

/** What a {@link KpiFact} records. */
public enum KpiFactKind {
    PICKED_UP, DELIVERED, RETURNED, LOST, STALE, COMPLAINT_OPENED, COMPLAINT_RESPONDED;

    public boolean isOutcome() {
        return this == DELIVERED || this == RETURNED || this == LOST;
    }
}
