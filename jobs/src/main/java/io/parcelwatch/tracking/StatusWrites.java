package io.parcelwatch.tracking;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a changed parcel's status document is written, per tracker subtask. Elasticsearch sees a parcel
 * at most once per flush interval, with its latest state. While the job keeps up, a change an interval
 * or more after the parcel's last write ({@code writtenAt} in its state) is written at once: most
 * parcels are scanned hours apart, and holding each scan back a whole interval was most of the
 * scan-to-visible delay. A change sooner after a write schedules the next write one interval after that
 * write (one processing-time timer, remembered in its state as {@code flushAt}, with {@code writtenAt} set to that
 * time at once); later changes before then ride along. Working off a deep backlog (from when the interval reaches its maximum
 * until it is back at its minimum, {@link FlushPacing#gathersEveryChange}), nothing is written at once: a change schedules a
 * write one interval ahead, so that a parcel's scans in a backlog gather into few writes. A job that only falls a few seconds
 * behind (the interval stretched, never to its maximum) still writes a change at once when its parcel's last write is an
 * interval old: deferring every change by the new interval held every document that much longer and left Elasticsearch
 * without a write for as long (measured in live runs slightly past what the machine sustained: stretches of 3-13 s with no
 * bulk request in Elasticsearch, then everything deferred at once), while a live parcel's scans are tens of seconds apart,
 * so deferring them gathered almost nothing.
 * The pending writes are timers in the keyed state, so they survive checkpoints and failures, and their
 * number is not bounded by heap. A parcel whose state is cleared (retention) with a write pending is
 * written at once: while catching up, event time can pass a whole retention within one flush interval.
 *
 * <p>The interval follows {@link FlushPacing}: it stretches while the scans come from a backlog or
 * emitting writes blocks (the sink is behind), and shrinks back once neither holds. A write held back longer than
 * {@link TrackingRules#HELD_WRITE_CHECK} has its timer armed that far ahead, and each time it fires early the write is
 * held again while the job is still behind, or released (written now) once it has caught up ({@link #onTimer}): the
 * hold is as long as the job was behind when the change was read, an estimate from the reading pace, and a backlog read
 * faster towards its end would otherwise leave its last documents that much late. No look is armed while the job is
 * behind for twice the write's remaining wait or more ({@link #timerFor}).
 */
final class StatusWrites {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWrites.class);

    private final long baseMillis;
    private final long checkMillis;
    private final FlushPacing pacing;
    private long sampledAtWall = Long.MIN_VALUE;
    private long blockedNanos;
    private long scans;
    private long backlogScans;
    private long behindMillis; // the most seen since the last sample

    StatusWrites(Duration interval, Duration catchUpInterval) {
        this.baseMillis = interval.toMillis();
        this.checkMillis = TrackingRules.heldWriteCheck(catchUpInterval).toMillis();
        this.pacing = baseMillis == 0 ? null : new FlushPacing(baseMillis, Math.max(baseMillis, catchUpInterval.toMillis()), checkMillis);
    }

    /** True if every change is written at once (a zero interval). */
    boolean immediate() {
        return pacing == null;
    }

    long currentIntervalMillis() {
        return pacing == null ? 0 : pacing.currentMillis();
    }

    /** {@link #scheduleFor}'s answer for a change to write now. */
    static final long NOW = -1;

    /**
     * When to write a parcel changed now: {@link #NOW}, the processing time to schedule its write for, or 0
     * if a write of it is already scheduled ({@code flushAt} set).
     */
    long scheduleFor(long flushAt, long writtenAt, long wallNow) {
        if (pending(flushAt, wallNow)) {
            return 0;
        }
        long interval = pacing.currentMillis();
        if (pacing.gathersEveryChange()) {
            return wallNow + interval;
        }
        long due = writtenAt + interval;
        return due <= wallNow ? NOW : due;
    }

    /**
     * When to arm the timer of a write scheduled for {@code due}: a check interval from now, to look at it again, if it is
     * due later than that; at the due time itself if it is due sooner, or if the job is behind for at least twice as long
     * as the write has left to wait. Then the job expects to be behind still when the write is due, even if its estimate
     * (the reading pace at the last sample) is twice too long: looking before would only hold the write again. On a 5M
     * backlog, looking every check interval came to about one look per event, each a read and decode of the parcel's state.
     */
    long timerFor(long due, long wallNow) {
        long wait = due - wallNow;
        if (wait <= checkMillis || pacing != null && pacing.behindMillis() / 2 >= wait) {
            return due;
        }
        return wallNow + checkMillis;
    }

    /** What a write timer does at {@code wallNow} for a parcel whose write is scheduled for {@code flushAt}. */
    enum OnTimer {
        /** The write is due: write the stored state. */
        WRITE,
        /** Early, and the job is still behind: arm the timer again ({@link #timerFor}). */
        HOLD,
        /** Early, and the job has caught up: write now, and record it as written now. */
        RELEASE
    }

    OnTimer onTimer(long flushAt, long wallNow) {
        if (!pending(flushAt, wallNow)) {
            return OnTimer.WRITE;
        }
        return pacing != null && pacing.gathersEveryChange() ? OnTimer.HOLD : OnTimer.RELEASE;
    }

    /**
     * Whether a parcel whose write was scheduled for {@code flushAt} (0: never) still has it pending at {@code wallNow}.
     * The timer's write leaves the state as it is (it writes the stored bytes), so a write counts as pending until its
     * time. A change in the moment between that time and the timer's turn schedules one more write: one document
     * written twice, the second a version conflict, rather than a decode and re-encode of every written state.
     */
    static boolean pending(long flushAt, long wallNow) {
        return flushAt > wallNow;
    }

    /** Adds the time a write spent blocked handing its document on (backpressure from the sink). */
    void blocked(long nanos) {
        blockedNanos += nanos;
    }

    /** Counts a scan by whether the source read it from a backlog, and how far behind ({@link ValidScan#behindMillis()}). */
    void scanRead(long behindMillis) {
        scans++;
        if (behindMillis > 0) {
            backlogScans++;
            this.behindMillis = Math.max(this.behindMillis, behindMillis);
        }
    }

    /** Called with every scan and timer: once per base interval, re-paces from the backlog and blocking seen. */
    void sample(long wallNow) {
        if (pacing == null) {
            return;
        }
        if (sampledAtWall == Long.MIN_VALUE) {
            sampledAtWall = wallNow;
            scans = 0;
            backlogScans = 0;
            behindMillis = 0;
            blockedNanos = 0;
            return;
        }
        long elapsed = wallNow - sampledAtWall;
        if (elapsed < baseMillis) {
            return;
        }
        double backlogShare = scans == 0 ? 0 : (double) backlogScans / scans;
        // Blocking is judged against the interval it happened in, as a share of the wall time sampled.
        long blockedMillis = blockedNanos / 1_000_000 * pacing.currentMillis() / elapsed;
        boolean wasStretched = pacing.stretched();
        long interval = pacing.afterSample(blockedMillis, backlogShare, behindMillis);
        if (pacing.stretched() != wasStretched) {
            LOG.info(pacing.stretched()
                    ? "Working off a backlog ({}% of the last scans read far behind the input's end, up to {} s) or Elasticsearch behind "
                            + "(writes blocked {} ms of {}): status writes now gathered for up to {} ms per parcel, fewer and fuller"
                    : "Live again ({}% of the last scans from a backlog, up to {} s behind; writes blocked {} ms of {}): status writes every {} ms",
                    Math.round(backlogShare * 100), behindMillis == Long.MAX_VALUE ? "?" : behindMillis / 1000, blockedMillis,
                    pacing.currentMillis(), interval);
        }
        sampledAtWall = wallNow;
        blockedNanos = 0;
        scans = 0;
        backlogScans = 0;
        behindMillis = 0;
    }
}
