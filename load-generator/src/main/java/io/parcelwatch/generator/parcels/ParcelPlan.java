package io.parcelwatch.generator.parcels;

import io.parcelwatch.generator.disorder.Disorder;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ServiceLevel;

/**
 * Everything the generator decided about one parcel when it was created: its attributes and every
 * future event (scans, temperature readings, complaint steps) in event-time order, in a compact
 * form. Events are turned into Avro records only when the simulated clock reaches them, so memory
 * per parcel in flight stays small (12 bytes per step).
 *
 * <p>Step {@code i} is stored at {@code steps[i * STRIDE ...]}: time offset from creation (ms); code
 * (type: 4 bits, disorder: 3 bits, extra: 4 bits, facility index + 1: 21 bits, 0 = none); disorder
 * parameter. That is 12 bytes per step.
 */
public final class ParcelPlan {
    static final int STRIDE = 3;
    static final int DISORDER_SHIFT = 4;
    static final int EXTRA_SHIFT = 7;
    static final int FACILITY_SHIFT = 11;
    /** Facility indices must be below this. */
    public static final int MAX_FACILITIES = (1 << 21) - 1;

    final long index;
    final ParcelIds ids;
    final long seed;
    final long createdAt;
    long promisedAt;
    ServiceLevel serviceLevel;
    ParcelCategory category;
    boolean doorRequested;
    int origin;
    int destination;
    int[] route;
    int pickupCourier;
    int deliveryCourier;

    int[] steps;
    int stepCount;
    int cursor;

    // facts, for outcomes
    long deliveredAt = -1;
    DeliveryMethod deliveryMethod;
    FinalStatus plannedStatus;
    int terminalStep = -1;

    // cold chain
    long excursionFrom = -1;
    long excursionUntil = -1;
    boolean excursionLow;

    ParcelPlan(long index, ParcelIds ids, long seed, long createdAt) {
        this.index = index;
        this.ids = ids;
        this.seed = seed;
        this.createdAt = createdAt;
    }

    public long index() {
        return index;
    }

    /** The waybill number (computed from the index: not stored, to keep plans small and cache misses few). */
    public String parcelId() {
        return ids.parcelId(index);
    }

    /** The shared id formatter. */
    public ParcelIds ids() {
        return ids;
    }

    /** The event id of a step. */
    public String eventId(int step) {
        return ids.eventId(index, step);
    }

    public long createdAt() {
        return createdAt;
    }

    public long promisedAt() {
        return promisedAt;
    }

    public ServiceLevel serviceLevel() {
        return serviceLevel;
    }

    public ParcelCategory category() {
        return category;
    }

    public boolean coldChain() {
        return ColdChain.isColdChain(category);
    }

    public boolean doorRequested() {
        return doorRequested;
    }

    public int origin() {
        return origin;
    }

    public int destination() {
        return destination;
    }

    public int[] route() {
        return route;
    }

    /** Index of the picking-up courier among the origin outlet's couriers. */
    public int pickupCourier() {
        return pickupCourier;
    }

    /** Index of the delivering courier among the destination outlet's couriers. */
    public int deliveryCourier() {
        return deliveryCourier;
    }

    /** Delivery time, or -1 if the parcel is never delivered. */
    public long deliveredAt() {
        return deliveredAt;
    }

    public DeliveryMethod deliveryMethod() {
        return deliveryMethod;
    }

    public FinalStatus plannedStatus() {
        return plannedStatus;
    }

    public int stepCount() {
        return stepCount;
    }

    public int cursor() {
        return cursor;
    }

    /** Moves past the current step (the simulation calls this as it emits it). */
    public void advance() {
        cursor++;
    }

    public boolean finished() {
        return cursor >= stepCount;
    }

    /** The status as far as the events emitted so far show it (for parcels still in flight at the end of a run). */
    public FinalStatus statusSoFar() {
        return cursor > terminalStep ? plannedStatus : FinalStatus.IN_FLIGHT;
    }

    public long time(int step) {
        return createdAt + steps[step * STRIDE];
    }

    public int type(int step) {
        return steps[step * STRIDE + 1] & 0xF;
    }

    public Disorder disorder(int step) {
        return Disorder.of((steps[step * STRIDE + 1] >>> DISORDER_SHIFT) & 0x7);
    }

    public int extra(int step) {
        return (steps[step * STRIDE + 1] >>> EXTRA_SHIFT) & 0xF;
    }

    /** Facility index, or -1. */
    public int facility(int step) {
        return (steps[step * STRIDE + 1] >>> FACILITY_SHIFT) - 1;
    }

    /**
     * Where a parcel goes from a hub: the next hub of its route, or its destination outlet after the
     * last hub (for HUB_DEPARTED and holds); -1 if the step is not at a hub of the route.
     */
    public int nextFacility(int step) {
        int hub = facility(step);
        for (int i = 0; i < route.length; i++) {
            if (route[i] == hub) {
                return i + 1 < route.length ? route[i + 1] : destination;
            }
        }
        return -1;
    }

    public int disorderParam(int step) {
        return steps[step * STRIDE + 2];
    }

    /** Upload delay of a LATE scan, or delay of a DUPLICATE's copy (ms). */
    public long delayMillis(int step) {
        return disorderParam(step);
    }

    /** How far a CORRECTION's first, wrong scan time is off (ms, either sign). */
    public long correctionShiftMillis(int step) {
        return ((disorderParam(step) >>> 16) - 32768L) * 1000L;
    }

    /** How long after the wrong scan the corrected one is sent (ms). */
    public long correctionDelayMillis(int step) {
        return (disorderParam(step) & 0xFFFF) * 1000L;
    }

    static int packCorrection(long shiftSeconds, long delaySeconds) {
        return (int) ((shiftSeconds + 32768) << 16 | delaySeconds);
    }

    /** Time of the next step to emit (event time), or Long.MAX_VALUE when done. */
    public long nextTime() {
        return cursor < stepCount ? time(cursor) : Long.MAX_VALUE;
    }

    public long excursionFrom() {
        return excursionFrom;
    }

    public long excursionUntil() {
        return excursionUntil;
    }

    /** Temperature (°C, one decimal) the parcel's logger reads at a time; deterministic. */
    public double temperatureAt(long time) {
        double u = io.parcelwatch.generator.random.Rng.unit(seed ^ (time / 60_000L) * 0x9E3779B97F4A7C15L);
        double value;
        if (excursionFrom >= 0 && time >= excursionFrom && time < excursionUntil) {
            value = excursionLow ? 0.2 + 1.2 * u : 10.0 + 4.0 * u;
            if (excursionLow && category == ParcelCategory.FRESH) {
                value = -2.5 + 1.5 * u; // fresh goods only suffer from freezing below 0 °C
            }
        } else {
            double center = category == ParcelCategory.MEDICINE ? 5.0 : 4.0;
            value = center + 3.0 * (u - 0.5);
        }
        return Math.round(value * 10) / 10.0;
    }
}
