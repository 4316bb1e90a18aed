package io.parcelwatch.complaints;

/**
 * What {@link ComplaintTracker} keeps per complaint: a Flink POJO (public fields, no-argument
 * constructor), so fields can be added later and old state still restores.
 */
public class ComplaintState {
    public String parcelId;
    public String regionId;
    public String reason;
    /** Epoch millis; null until the OPENED event arrives (a response may arrive first). */
    public Long openedAt;
    public Long deadline;
    public Long respondedAt;
    public Long closedAt;
    public boolean alertRaised;
    public long alertRaisedAt;
    /** The one event-time timer of the complaint, 0 if none. */
    public long timer;

    public ComplaintState() {}

    boolean answered() {
        return respondedAt != null || closedAt != null;
    }
}
