package io.parcelwatch.tracking;

/**
 * How long the status coalescer gathers changes before writing them: the configured interval while
 * the job is live and Elasticsearch keeps up, longer while either is not so. A flush that blocks (the
 * sink's buffer is full) for more than half the interval means the writes, not the scans, are the
 * bottleneck. Event time running far faster than the clock ({@link #CATCHING_UP_SPEED}) means the job
 * is working off a backlog (after an outage, a restart from an old savepoint, a fast replay): the
 * documents are out of date anyway until it has caught up, and writing every intermediate state
 * only slows the catch-up (Elasticsearch shares the machine's CPU). Gathering longer merges more
 * scans of a parcel into one write. Once neither holds, the interval shrinks back, and with it the
 * delay before a scan is visible.
 */
final class FlushPacing {
    /**
     * Event time per wall-clock time above which the job counts as catching up: 5 minutes of event time
     * per second. A live network runs at 1; reading a backlog runs at thousands.
     */
    static final double CATCHING_UP_SPEED = 300;

    private final long minMillis;
    private final long maxMillis;
    private long currentMillis;

    FlushPacing(long minMillis, long maxMillis) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("flush interval bounds must satisfy 0 < min <= max, got " + minMillis + " and " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.currentMillis = minMillis;
    }

    long currentMillis() {
        return currentMillis;
    }

    /** The interval until the next flush, given how long the last one was blocked by the sink. */
    long afterFlush(long blockedMillis) {
        return afterFlush(blockedMillis, 0);
    }

    /**
     * The interval until the next flush, given how long the last one was blocked by the sink and how
     * fast event time (the watermark) advanced per unit of wall-clock time since the flush before.
     */
    long afterFlush(long blockedMillis, double eventTimeSpeed) {
        if (blockedMillis * 2 > currentMillis || eventTimeSpeed > CATCHING_UP_SPEED) {
            currentMillis = Math.min(maxMillis, currentMillis * 2);
        } else if (blockedMillis * 10 < currentMillis) {
            currentMillis = Math.max(minMillis, currentMillis / 2);
        }
        return currentMillis;
    }

    boolean stretched() {
        return currentMillis > minMillis;
    }
}
