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
    public static final Duration DEFAULT_CATCH_UP_FLUSH_INTERVAL = Duration.ofSeconds(30);

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

    /** Every change written at once: for tests that look at each change. */
    public TrackingRules writingEveryChange() {
        return withFlushIntervals(Duration.ZERO, Duration.ZERO);
    }
}
