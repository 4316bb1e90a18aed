package io.parcelwatch.io.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before retry {@code n} (1 for the first) the sink waits
 * {@code min(max, initial * 2^(n-1))}, shortened by a random fraction of up to {@code jitter} (0.5
 * gives a delay between half and all of the exponential value), so that writers throttled at the
 * same moment do not come back at the same moment.
 */
public final class RetryBackoff implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;

    public RetryBackoff(Duration initial, Duration max, double jitter) {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial backoff " + initial + ", was " + max);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
    }

    public Duration initial() {
        return Duration.ofMillis(initialMillis);
    }

    public Duration max() {
        return Duration.ofMillis(maxMillis);
    }

    public double jitter() {
        return jitter;
    }

    /** The delay before retry {@code attempt} (1-based), with a random jitter. */
    public long delayMillis(int attempt) {
        return delayMillis(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay before retry {@code attempt} (1-based) for a given random number in [0, 1): the
     * exponential delay minus {@code random * jitter} of it.
     */
    long delayMillis(int attempt, double random) {
        long exponential = exponentialMillis(attempt);
        return Math.max(1, Math.round(exponential * (1.0 - jitter * random)));
    }

    /** The delay before retry {@code attempt} without jitter: the upper bound of the jittered delay. */
    long exponentialMillis(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, was " + attempt);
        }
        int doublings = Math.min(attempt - 1, 62);
        long delay = initialMillis;
        for (int i = 0; i < doublings && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMillis);
    }

    @Override
    public String toString() {
        return "exponential backoff from " + initial() + " to " + max() + " with jitter " + jitter;
    }
}
