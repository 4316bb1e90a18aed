package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Duration;

/**
 * How step durations are learned ({@link StepDurations}, {@link StepLearner}).
 *
 * @param bucketWidth      event-time width of one bucket of the ring
 * @param bucketCount      buckets kept: the ring spans {@code bucketWidth × bucketCount} of event time
 * @param recentBuckets    the newest buckets always used for quantiles (the shortest "recent" window)
 * @param minRecent        observations the recent window must hold; it reaches further back until it does
 * @param relativeAccuracy relative error of the sketches' quantiles
 * @param emitInterval     a key's model update is sent at most once per this much event time
 * @param retention        a key with no observation for this long (event time) is forgotten
 */
public record LearningSettings(Duration bucketWidth, int bucketCount, int recentBuckets, int minRecent, double relativeAccuracy,
                               Duration emitInterval, Duration retention) implements Serializable {

    public LearningSettings {
        if (bucketWidth.toMillis() <= 0 || bucketCount < 1 || recentBuckets < 1 || recentBuckets > bucketCount || minRecent < 1) {
            throw new IllegalArgumentException("bad ring: " + bucketWidth + " x " + bucketCount + ", recent " + recentBuckets);
        }
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relativeAccuracy must be in (0, 1): " + relativeAccuracy);
        }
        if (emitInterval.toMillis() <= 0 || retention.toMillis() <= 0) {
            throw new IllegalArgumentException("emitInterval and retention must be positive");
        }
    }

    /**
     * Half-hour buckets over two days; the recent window is at least the last two buckets and as many more as it
     * takes to hold 40 observations: a busy lane reflects its last hour, a quiet one its last day or two; a step
     * whose duration depends on the hour it starts, at least its last day ({@link #recentBucketsOf}). Updates
     * at most every 5 minutes per key; a key silent for two days (the whole ring) is dropped.
     */
    public static LearningSettings defaults() {
        return new LearningSettings(Duration.ofMinutes(30), 96, 2, 40, 0.01, Duration.ofMinutes(5), Duration.ofDays(2));
    }

    public long bucketMillis() {
        return bucketWidth.toMillis();
    }

    /** Buckets that make up one day, at most the ring: the shortest recent window of a time-of-day step. */
    public int dayBuckets() {
        return (int) Math.min(bucketCount, Math.ceilDiv(Duration.ofDays(1).toMillis(), bucketMillis()));
    }

    /** The shortest recent window of a key: one day where the hour a step starts decides its duration, and for round times. */
    public int recentBucketsOf(StepKind kind) {
        return kind.repeatsDaily() ? Math.max(recentBuckets, dayBuckets()) : recentBuckets;
    }
}
