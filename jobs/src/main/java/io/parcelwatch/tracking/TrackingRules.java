package io.parcelwatch.tracking;

import io.parcelwatch.config.ColdChain;
import io.parcelwatch.config.StageLimits;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the tracker needs to know besides the events.
 *
 * @param retention            how long a parcel's state is kept after it reaches a final status (late
 *                             scans within it are still merged), then cleared
 * @param timerBucket          deadlines are rounded up to this, so that parcels share timer timestamps
 *                             and a parcel keeps at most one timer
 * @param hmacKey              key of the phone-lookup hash
 * @param flushInterval        a parcel's status document is written at most once per interval (zero:
 *                             at every change)
 * @param catchUpFlushInterval how far the interval may stretch while the job works off a backlog or
 *                             the writes cannot keep up (see {@link FlushPacing})
 */
public record TrackingRules(StageLimits limits, ColdChain coldChain, Duration retention, Duration timerBucket, byte[] hmacKey,
        Duration flushInterval, Duration catchUpFlushInterval) implements Serializable {

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /**
     * Working off a backlog many minutes long, 30 s (the bound this once had) held few scans of each parcel: on a
     * 5-million-event topic read at 4,500 events/s, 0.525 writes per event. The documents are minutes behind anyway,
     * and writes held back are released once the job has caught up ({@link #HELD_WRITE_CHECK}).
     */
    public static final Duration DEFAULT_CATCH_UP_FLUSH_INTERVAL = Duration.ofMinutes(5);
    /**
     * A write held back longer than this while catching up is looked at again this often, and goes out at the first look
     * after the job has caught up: the last documents of a long backlog are then at most this late, not a whole catch-up
     * interval. Each look reads and decodes the parcel's state, so it is not much shorter. Changes also start to wait for
     * their interval (instead of going out at once when their parcel is due) from this long behind.
     */
    public static final Duration HELD_WRITE_CHECK = Duration.ofSeconds(30);

    public TrackingRules {
        if (flushInterval.isNegative() || catchUpFlushInterval.compareTo(flushInterval) < 0) {
            throw new IllegalArgumentException("flush intervals must satisfy 0 <= interval <= catch-up interval, got "
                    + flushInterval + " and " + catchUpFlushInterval);
        }
    }

    public static TrackingRules defaults(byte[] hmacKey) {
        return new TrackingRules(StageLimits.defaults(), ColdChain.defaults(), Duration.ofDays(2), Duration.ofMinutes(1), hmacKey,
                DEFAULT_FLUSH_INTERVAL, DEFAULT_CATCH_UP_FLUSH_INTERVAL);
    }

    public TrackingRules withRetention(Duration newRetention) {
        return new TrackingRules(limits, coldChain, newRetention, timerBucket, hmacKey, flushInterval, catchUpFlushInterval);
    }

    public TrackingRules withFlushIntervals(Duration interval, Duration catchUpInterval) {
        return new TrackingRules(limits, coldChain, retention, timerBucket, hmacKey, interval, catchUpInterval);
    }

    /** How often a write held back while catching up is looked at: {@link #HELD_WRITE_CHECK}, or less for a shorter catch-up interval. */
    public static Duration heldWriteCheck(Duration catchUpFlushInterval) {
        return catchUpFlushInterval.compareTo(HELD_WRITE_CHECK) < 0 ? catchUpFlushInterval : HELD_WRITE_CHECK;
    }

    /** Every change written at once: for tests that look at each change. */
    public TrackingRules writingEveryChange() {
        return withFlushIntervals(Duration.ZERO, Duration.ZERO);
    }
}
