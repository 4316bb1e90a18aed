package io.parcelwatch.alerts;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a hub counts as losing parcels ({@link HubLossDetector}; {@link HubLossParcelLink} uses the dwell,
 * lateness and bucket to bound its own state).
 *
 * <p>A parcel that arrives at a hub is <b>in dwell</b> until it is seen leaving: its departure scan, or any
 * later scan of it elsewhere. If no such evidence and no other scan at the hub is seen for {@code maxDwell},
 * it is <b>missing</b>. Over a sliding window of arrival time, a hub is losing parcels when at least
 * {@code minMissing} parcels, and at least {@code minMissingShare} of the parcels that arrived, are missing. At a
 * quiet hub the window is longer: stretched until it holds {@code minArrivals} arrivals, up to {@code sparseWindow}.
 * The alert resolves when a window shows less than {@code resolveShare} missing (or none), so that a
 * borderline window does not make it flap.
 *
 * <p>The defaults were checked against the load generator's default scenario (40 runs, different seeds and
 * start times, 76 HUB_LOSS labels): no false alert, and every label with 3 or more lost parcels found (55 of
 * 55), with the raised and resolved event times at the label's from and until (median offset under 2 minutes,
 * 90% within 1.5 h); the alerts were emitted 18-23 h (median 19 h) of event time after the loss began. Labels of windows in which the
 * hub lost only 1 or 2 parcels were not found, by design: that many parcels also vanish or go quiet at a hub
 * one by one (parcel-level LOST and STALE_TRACKING), which the parcel tracker reports. {@code minMissing} 2
 * (with share 0.2) found 5 more of them in the same runs, still without a false alert, but with a thinner margin.
 * The stretching of quiet windows ({@code minArrivals}, {@code sparseWindow}) came later and was checked on one
 * default-scenario run (started 02:00Z: 3 of 3 labels, no false alert) and on a 300-parcel stream, where it found a
 * label the 2 h window had missed (3 of 9 parcels lost over 4 h).
 *
 * @param window          length of the sliding window (arrival time) over which arrivals and losses are compared
 *                        (default 2 h: loss windows in the network last 2-6 h)
 * @param maxDwell        a parcel without a scan at the hub for this long is missing (default 18 h). The network's
 *                        longest normal dwell is 14 h (sort up to 4 h, then up to 10 h for the next departure
 *                        wave); plus 4 h for departure scans uploaded late (up to 3 h) or first sent with a wrong
 *                        time (up to 1 h). This is also the detection delay: a loss is known for sure only once
 *                        the parcel is overdue.
 * @param minMissing      fewest missing parcels in a window for an alert (default 3): one or two parcels gone
 *                        quiet are not a hub loss
 * @param minMissingShare smallest missing share of the window's arrivals for an alert (default 0.15): far above
 *                        missing departure scans (0.5% of scans, and mostly proven wrong by a later scan
 *                        elsewhere) and single lost or long-silent parcels (a fraction of a percent)
 * @param resolveShare    an open alert resolves when a window's missing share falls below this, or nothing is
 *                        missing (default 0.05)
 * @param timerBucket     granularity of the arrival-time counters, of the sliding window's steps, and of the
 *                        timers (default 10 min)
 * @param lateness        how long a settled stay (departed, or missing) is remembered after it settled, so that a
 *                        late, duplicate or corrected scan of it is recognised and not taken for a new arrival
 *                        (default 6 h: uploads come up to 3 h late, corrections up to 2 h after the scan)
 * @param minArrivals     a window with fewer arrivals than this is stretched back, a bucket at a time, up to
 *                        {@code sparseWindow} (default 20). At a quiet hub a 2 h window never holds {@code minMissing}
 *                        of a loss spread over hours: on a 300-parcel stream, a hub that lost 3 of 9 parcels over 4 h
 *                        was not found. A busy hub's 2 h window holds far more than 20 arrivals, so it is judged as before.
 * @param sparseWindow    the longest a window is stretched at a quiet hub (default 6 h, the longest loss windows in the
 *                        network)
 */
public record HubLossRules(Duration window, Duration maxDwell, int minMissing, double minMissingShare, double resolveShare,
                           Duration timerBucket, Duration lateness, int minArrivals, Duration sparseWindow) implements Serializable {

    public HubLossRules {
        if (timerBucket.toMillis() <= 0 || window.toMillis() < timerBucket.toMillis()
                || window.toMillis() % timerBucket.toMillis() != 0) {
            throw new IllegalArgumentException("the window must be a positive multiple of the timer bucket: " + window + ", " + timerBucket);
        }
        if (sparseWindow.compareTo(window) < 0 || sparseWindow.toMillis() % timerBucket.toMillis() != 0 || minArrivals < 1) {
            throw new IllegalArgumentException("the sparse window must be a multiple of the timer bucket at least as long as the window, "
                    + "and minArrivals at least 1: " + sparseWindow + ", " + minArrivals);
        }
        if (maxDwell.toMillis() <= 0 || lateness.isNegative()) {
            throw new IllegalArgumentException("max dwell must be positive and lateness not negative");
        }
        if (minMissing < 1 || !(minMissingShare > 0 && minMissingShare <= 1) || !(resolveShare >= 0 && resolveShare <= minMissingShare)) {
            throw new IllegalArgumentException("need minMissing >= 1, 0 < minMissingShare <= 1, 0 <= resolveShare <= minMissingShare");
        }
    }

    /** Defaults sized for the generator's network and disorder (see the parameters and the class comment). */
    public static HubLossRules defaults() {
        return new HubLossRules(Duration.ofHours(2), Duration.ofHours(18), 3, 0.15, 0.05,
                Duration.ofMinutes(10), Duration.ofHours(6), 20, Duration.ofHours(6));
    }

    public HubLossRules withWindow(Duration v) {
        return new HubLossRules(v, maxDwell, minMissing, minMissingShare, resolveShare, timerBucket, lateness, minArrivals,
                v.compareTo(sparseWindow) > 0 ? v : sparseWindow);
    }

    public HubLossRules withMaxDwell(Duration v) {
        return new HubLossRules(window, v, minMissing, minMissingShare, resolveShare, timerBucket, lateness, minArrivals, sparseWindow);
    }

    public HubLossRules withThresholds(int newMinMissing, double newMinShare, double newResolveShare) {
        return new HubLossRules(window, maxDwell, newMinMissing, newMinShare, newResolveShare, timerBucket, lateness, minArrivals,
                sparseWindow);
    }

    /** Quiet hubs' windows stretched up to {@code newSparseWindow} until they hold {@code newMinArrivals}; no stretching with the window's own length. */
    public HubLossRules withSparseWindow(int newMinArrivals, Duration newSparseWindow) {
        return new HubLossRules(window, maxDwell, minMissing, minMissingShare, resolveShare, timerBucket, lateness, newMinArrivals,
                newSparseWindow);
    }
}
