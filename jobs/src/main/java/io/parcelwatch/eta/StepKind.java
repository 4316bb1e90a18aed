package io.parcelwatch.eta;

/**
 * The kinds of step a journey is cut into for learning how long it takes. Each is measured between two
 * milestone scans, and each is keyed by the place that decides its duration (see {@link StepKey}).
 *
 * <p>{@link #PICKUP} is not one of the five kinds asked for in the issue: it covers a parcel that is only
 * announced, so that its prediction still has a first step. {@link #ROUND} is the end of the last mile, for a
 * parcel already out for delivery.
 */
public enum StepKind {
    /** CREATED → PICKED_UP, keyed by the origin outlet. */
    PICKUP("PU", true),
    /** PICKED_UP → first HUB_ARRIVED, keyed by the origin outlet. */
    FIRST_MILE("FM", true),
    /** HUB_ARRIVED → HUB_DEPARTED at one hub, keyed by the hub. */
    DWELL("DW", true),
    /** HUB_DEPARTED at hub A → HUB_ARRIVED at hub B, keyed by the lane {@code A>B}. */
    TRANSIT("TR", false),
    /** last HUB_DEPARTED → OUTLET_ARRIVED, keyed by the destination outlet. */
    LINE_TO_OUTLET("LO", false),
    /** OUTLET_ARRIVED → DELIVERED (failed attempts and retries included), keyed by the outlet. */
    LAST_MILE("LM", true),
    /**
     * OUT_FOR_DELIVERY → DELIVERED (a failed attempt and the next round included), keyed by the outlet: what is
     * left once the parcel is on the courier's round. The last mile conditioned on the time since the outlet
     * arrival cannot know that the parcel made this round rather than waiting for the next, and a rural round
     * takes longer than a town's.
     */
    ROUND("RD", false),
    /**
     * Not a duration: when an outlet's delivery rounds leave, learned as the local time of day (as millis after
     * midnight, where a duration would be) of every OUT_FOR_DELIVERY scan, keyed by the outlet across service
     * levels ({@link StepKey#roundStart}). A parcel that reaches its outlet waits for the next of them
     * ({@link DeliveryPredictor}); an outlet's rounds are told from a few dozen scans, where a last mile per band
     * of the day takes ten in each band, and a rural outlet never gets them in the bands after its last round.
     */
    ROUND_START("RS", false, false),
    /**
     * Not a duration: when a hub's vehicles to one next stop leave, learned as the local time of day of every
     * HUB_DEPARTED scan, keyed as the dwell before it is ({@link StepKey#departures}). A parcel sorted at a hub leaves
     * with the next of them ({@link HubDepartures}); a dwell learned per band of the day sees, in a stream's first
     * day, only the parcels that caught a vehicle, not those still waiting for the next one.
     */
    DEPARTURE("DP", false, false);

    private final String code;
    private final boolean timeOfDayMatters;
    private final boolean duration;

    StepKind(String code, boolean timeOfDayMatters) {
        this(code, timeOfDayMatters, true);
    }

    StepKind(String code, boolean timeOfDayMatters, boolean duration) {
        this.code = code;
        this.timeOfDayMatters = timeOfDayMatters;
        this.duration = duration;
    }

    /** False for {@link #ROUND_START} and {@link #DEPARTURE}, which learn times of day: no prior, never a step of a journey. */
    public boolean isDuration() {
        return duration;
    }

    /** True where what is learned repeats every day, so that a recent window of less than a day would see part of it. */
    public boolean repeatsDaily() {
        return timeOfDayMatters || !duration;
    }

    /** Two letters, for compact keys. */
    public String code() {
        return code;
    }

    /**
     * True where the duration depends on when the step starts: the waits for pickup hours, outlet shuttles,
     * departure waves and delivery rounds are in these steps (the load generator's {@code ProcessModel}).
     * Transits are drawn per lane from the vehicle's departure, whatever the hour.
     */
    public boolean timeOfDayMatters() {
        return timeOfDayMatters;
    }

    static StepKind ofCode(String code) {
        for (StepKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown step kind code: " + code);
    }
}
