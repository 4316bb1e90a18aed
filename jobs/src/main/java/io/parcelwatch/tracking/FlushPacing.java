package io.parcelwatch.tracking;

/**
 * How long the status coalescer gathers changes before writing them: the configured interval while
 * Elasticsearch keeps up, longer while it does not. A flush that blocks (the sink's buffer is full)
 * for more than half the interval means the writes, not the scans, are the bottleneck; gathering
 * longer then merges more scans of a parcel into one write, so the job catches up with fewer writes
 * instead of falling further behind. Once flushes stop blocking, the interval shrinks back, and with
 * it the delay before a scan is visible.
 */
final class FlushPacing {
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
        if (blockedMillis * 2 > currentMillis) {
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
