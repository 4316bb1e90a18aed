package io.parcelwatch.alerts;

/**
 * One parcel's stay at one hub, as {@link HubLossDetector} keeps it (map state of the hub, keyed by parcel
 * number) from its first scan there until {@link HubLossRules#lateness()} after it settled. A Flink POJO.
 *
 * @param arrivedAt       event time of the arrival scan, or {@link #NONE} while only a departure has been seen
 * @param arrivalRevision revision of the arrival scan that set {@code arrivedAt} (a correction re-sends it with a higher one)
 * @param lastSeenAt      latest event time of a scan showing the parcel at the hub (arrival or another scan there);
 *                        the parcel is missing once this is {@link HubLossRules#maxDwell()} ago
 * @param departedAt      event time of the departure scan, or {@link #NONE} while the parcel is in dwell or missing
 * @param missing         true once the parcel is overdue (or reported lost); a later departure or scan at the hub undoes it
 */
public record HubLossVisit(long arrivedAt, int arrivalRevision, long lastSeenAt, long departedAt, boolean missing) {
    public static final long NONE = Long.MIN_VALUE;

    static HubLossVisit arrived(long at, int revision) {
        return new HubLossVisit(at, revision, at, NONE, false);
    }

    static HubLossVisit departedOnly(long at) {
        return new HubLossVisit(NONE, 0, NONE, at, false);
    }

    boolean hasArrival() {
        return arrivedAt != NONE;
    }

    boolean departed() {
        return departedAt != NONE;
    }

    boolean inDwell() {
        return hasArrival() && !departed() && !missing;
    }

    /** When this visit can be forgotten: {@code lateness} after it settled (departed, or went missing). */
    long forgetAt(long maxDwellMillis, long latenessMillis) {
        if (!hasArrival()) {
            return departedAt + latenessMillis;
        }
        if (departed()) {
            return Math.max(arrivedAt, departedAt) + latenessMillis;
        }
        return lastSeenAt + maxDwellMillis + latenessMillis;
    }
}
