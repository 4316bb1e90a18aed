package io.parcelwatch.generator.sim;

import io.parcelwatch.generator.parcels.ParcelPlan;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;

/**
 * A scan about to be sent, described by its parcel's plan rather than as an Avro record. Sinks that
 * need the record call {@link #toRecord()}; the Kafka sink encodes it straight to bytes
 * ({@link io.parcelwatch.generator.output.ScanEncoder}), which is much cheaper.
 *
 * @param plan      the parcel
 * @param step      the step of the plan
 * @param eventTime the event time sent (the true one, or the wrong one a correction later fixes)
 * @param revision  0, or 1 for a correction
 * @param factory   builds the record
 */
public record PendingScan(ParcelPlan plan, int step, long eventTime, int revision, EventFactory factory) {
    private static final ScanType[] TYPES = ScanType.values();

    public ScanEvent toRecord() {
        return factory.scan(plan, step, eventTime, revision);
    }

    public ScanType type() {
        return TYPES[plan.type(step)];
    }
}
