package io.parcelwatch.alerts;

/**
 * The per-hub scalar state of {@link HubLossDetector}: the hub's region, its one timer, how far the sliding
 * window has been evaluated, and the open alert if there is one. A mutable Flink POJO (public fields, no-arg
 * constructor), stored as one value per hub.
 */
public class HubLossState {
    /** Region of the hub, from its scans. */
    public String regionId;
    /** The registered event-time timer, or {@link HubLossVisit#NONE}. */
    public long timer = HubLossVisit.NONE;
    /**
     * End of the last window evaluated, or {@link HubLossVisit#NONE} before the first. Buckets before
     * {@code evaluatedUntil - window} are no longer counted (no future window contains them).
     */
    public long evaluatedUntil = HubLossVisit.NONE;

    /** Id of the open (raised, not yet resolved) alert, or null. */
    public String openAlertId;
    /** Event time at which the open alert was raised: arrival time from which parcels went missing. */
    public long openRaisedAt;
    /** End of the latest bucket of the open episode with missing parcels: the resolved alert's event time. */
    public long openLossUntil;
    /** Event time of the last resolved alert, or {@link HubLossVisit#NONE}: a new episode starts after it. */
    public long lastResolvedAt = HubLossVisit.NONE;
    /** Start of the first window of the open episode. */
    public long openFrom;
    /** Arrivals and missing parcels over the open episode so far (its first window plus each later bucket). */
    public int openArrived;
    public int openMissing;
    /** Highest missing share of a window during the open episode. */
    public double openPeakShare;
    /**
     * Whether the hub's stays are filed by due time. False in state restored from a version without that index (a field
     * added since gets Java's default): the next timer files them all.
     */
    public boolean dueIndexed;

    public HubLossState() {}
}
