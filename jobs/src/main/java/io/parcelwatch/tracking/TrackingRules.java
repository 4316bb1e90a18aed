package io.parcelwatch.tracking;

import io.parcelwatch.config.ColdChain;
import io.parcelwatch.config.StageLimits;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the tracker needs to know besides the events.
 *
 * @param retention     how long a parcel's state is kept after it reaches a final status (late scans
 *                      within it are still merged), then cleared
 * @param timerBucket   deadlines are rounded up to this, so that parcels share timer timestamps and a
 *                      parcel keeps at most one timer
 * @param hmacKey       key of the phone-lookup hash
 */
public record TrackingRules(StageLimits limits, ColdChain coldChain, Duration retention, Duration timerBucket, byte[] hmacKey)
        implements Serializable {

    public static TrackingRules defaults(byte[] hmacKey) {
        return new TrackingRules(StageLimits.defaults(), ColdChain.defaults(), Duration.ofDays(2), Duration.ofMinutes(1), hmacKey);
    }

    public TrackingRules withRetention(Duration newRetention) {
        return new TrackingRules(limits, coldChain, newRetention, timerBucket, hmacKey);
    }
}
