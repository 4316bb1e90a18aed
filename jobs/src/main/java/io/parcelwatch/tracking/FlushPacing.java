package io.parcelwatch.tracking;

/**
 * How long a changed parcel waits for its status write ({@link StatusWrites}): the configured interval
 * while the tracker keeps up with its input, longer while it does not. Two signs say it does not: most
 * scans come from a backlog (the source far behind the end of its input, as after an outage, a restart
 * from an old savepoint or a replay written ahead), or handing writes on blocks for more than half the
 * interval (the sink, i.e. Elasticsearch, is behind). Documents are out of date anyway until the job
 * has caught up, and writing every intermediate state only slows the catch-up (Elasticsearch shares
 * the machine's CPU); gathering longer merges more scans of a parcel into one write. Behind the input,
 * the interval is as long as the job is behind, within its bounds; while writes block, it doubles. Once
 * neither holds, the interval shrinks back, and with it the delay before a scan is visible.
 *
 * <p>The blocking sign sees only part of the back-pressure: Flink 2 waits for a free output buffer
 * before it hands the operator a record, not inside {@code collect}. A sink that cannot keep up shows
 * as the source falling behind its input, the first sign. How fast event time
 * runs says nothing here: a synthetic feed can run days per minute and still be watched live.
 */
final class FlushPacing {
    /** Share of recent scans read from a backlog at or above which the job counts as catching up. */
    static final double BACKLOG = 0.5;

    private final long minMillis;
    private final long maxMillis;
    private final long gatherFromMillis;
    private long currentMillis;
    private long behindMillis;
    private boolean gatheringEveryChange;

    /**
     * @param gatherFromMillis from this interval on (at most the maximum), every change waits for its interval
     *                         ({@link #gathersEveryChange})
     */
    FlushPacing(long minMillis, long maxMillis, long gatherFromMillis) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("flush interval bounds must satisfy 0 < min <= max, got " + minMillis + " and " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.gatherFromMillis = Math.max(minMillis + 1, Math.min(maxMillis, gatherFromMillis));
        this.currentMillis = minMillis;
    }

    long currentMillis() {
        return currentMillis;
    }

    /**
     * The interval from now on, given how long writes were blocked (scaled to one interval), the share of
     * scans read from a backlog since the last call, and how far behind the furthest of them was read (in
     * milliseconds of reading; {@link Long#MAX_VALUE} if not known).
     *
     * <p>Behind the input, writes are gathered for as long as the job is behind, within the bounds: the
     * documents are that late already, so gathering costs them little more. A job a few seconds behind live
     * input keeps its writes a few seconds apart (doubling to the maximum, as it once did, held every
     * document up to half a minute where it was a few seconds late); a backlog of minutes or more gathers
     * for the maximum.
     */
    long afterSample(long blockedMillis, double backlogShare, long behindMillis) {
        this.behindMillis = backlogShare >= BACKLOG ? behindMillis : 0;
        if (backlogShare >= BACKLOG) {
            currentMillis = Math.max(minMillis, Math.min(maxMillis, behindMillis));
        }
        if (blockedMillis * 2 > currentMillis) {
            currentMillis = Math.min(maxMillis, currentMillis * 2);
        } else if (backlogShare < BACKLOG && blockedMillis * 10 < currentMillis) {
            currentMillis = Math.max(minMillis, currentMillis / 2);
        }
        if (currentMillis >= gatherFromMillis) {
            gatheringEveryChange = true;
        } else if (currentMillis == minMillis) {
            gatheringEveryChange = false;
        }
        return currentMillis;
    }

    /**
     * Whether every change waits for its interval ({@link StatusWrites#scheduleFor}): from the moment the interval reaches
     * the gathering threshold (a backlog at least that long, or writes blocked through enough doublings) until it is back
     * at its minimum. A job that only falls a few seconds behind never gets here, and one working off a deep backlog stays
     * here through the backlog's last seconds, where the scans of a parcel still come in quick succession.
     */
    boolean gathersEveryChange() {
        return gatheringEveryChange;
    }

    /**
     * How long the job was behind its input at the last sample, unbounded (0 if it was not working off a backlog,
     * {@link Long#MAX_VALUE} if behind at a pace not known yet).
     */
    long behindMillis() {
        return behindMillis;
    }

    boolean stretched() {
        return currentMillis > minMillis;
    }
}
