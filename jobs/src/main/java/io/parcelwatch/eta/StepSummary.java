package io.parcelwatch.eta;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A step's duration distribution as the predictor needs it: its quantiles at the fixed levels
 * {@link #LEVELS} (0, 1%, 2.5%, 5%, 10%, ..., 90%, 95%, 97.5%, 99%, 100%), in seconds, read between points by
 * linear interpolation (a piecewise-linear inverse CDF). 25 ints: small enough to broadcast one per step key.
 * The extra points in the tails matter: durations are right-skewed, and a straight line from the 95th
 * percentile to the largest duration seen would spread 5% of the mass over the far tail and make every
 * interval too wide; from the 99th it spreads 1%.
 *
 * @param quantileSeconds duration at each of {@link #LEVELS}, non-decreasing; for times of day ({@link StepKind#ROUND_START},
 *                        {@link StepKind#DEPARTURE}) the times seen, ascending ({@code StepDurations.timesSeen})
 * @param typicalSeconds  the longer-run median (the whole ring) the recent quantiles can be compared with;
 *                        equal to the median for a prior. For times of day ({@link StepKind#ROUND_START}, {@link StepKind#DEPARTURE}), which
 *                        have no typical duration: how long before {@code asOf} they have been watched, at most a
 *                        day ({@link #watchedMillis()})
 * @param count           observations behind it (0 for a prior)
 * @param asOf            event time it was computed at
 */
public record StepSummary(int[] quantileSeconds, int typicalSeconds, long count, long asOf) implements Serializable {
    public static final double[] LEVELS = {0, 0.01, 0.025, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60,
            0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 0.975, 0.99, 1};
    public static final int POINTS = LEVELS.length;
    static final int LAST = POINTS - 1;
    static final int MEDIAN = 12;
    static final int P95 = 21;
    /** Levels 5% ... 95% are evenly spaced from this index on, so most lookups need no search. */
    private static final int EVEN_FROM = 3;
    private static final int EVEN_TO = 21;

    public StepSummary {
        if (quantileSeconds == null || quantileSeconds.length != POINTS) {
            throw new IllegalArgumentException("expected " + POINTS + " quantile points");
        }
    }

    public long medianMillis() {
        return quantileSeconds[MEDIAN] * 1000L;
    }

    public long typicalMillis() {
        return typicalSeconds * 1000L;
    }

    /** Times of day ({@link StepKind#ROUND_START}, {@link StepKind#DEPARTURE}) only: how long before {@link #asOf()} they have been watched, at most a day. */
    public long watchedMillis() {
        return typicalSeconds * 1000L;
    }

    /** Inverse CDF: the duration (ms) at probability {@code u} in [0, 1]. */
    public double quantileMillis(double u) {
        double p = Math.min(Math.max(u, 0), 1);
        int i;
        double share;
        if (p >= LEVELS[EVEN_FROM] && p < LEVELS[EVEN_TO]) { // the common case, without a search or a division
            double x = (p - LEVELS[EVEN_FROM]) * 20;
            int k = Math.min((int) x, EVEN_TO - EVEN_FROM - 1);
            i = EVEN_FROM + k;
            share = x - k;
        } else {
            i = p < LEVELS[EVEN_FROM] ? 0 : EVEN_TO;
            while (i < LAST - 1 && LEVELS[i + 1] <= p) {
                i++;
            }
            share = (p - LEVELS[i]) / (LEVELS[i + 1] - LEVELS[i]);
        }
        double lo = quantileSeconds[i];
        return (lo + (quantileSeconds[i + 1] - lo) * share) * 1000.0;
    }

    /** CDF: the probability that the step takes at most {@code millis}; 1 at and beyond the largest point. */
    public double cdf(double millis) {
        double s = millis / 1000.0;
        if (s < quantileSeconds[0]) {
            return 0;
        }
        if (s >= quantileSeconds[LAST]) {
            return 1;
        }
        int i = 0;
        while (quantileSeconds[i + 1] <= s) {
            i++;
        }
        double lo = quantileSeconds[i];
        double width = quantileSeconds[i + 1] - lo;
        return LEVELS[i] + (LEVELS[i + 1] - LEVELS[i]) * (width == 0 ? 0 : (s - lo) / width);
    }

    /**
     * Where the <i>next</i> duration falls with probability {@code u}, allowing for how few durations the quantiles
     * come from. Of {@code n} durations seen, the next falls below the smallest, between any two neighbours, or
     * above the largest with probability {@code 1/(n+1)} each; the quantiles alone put the smallest and largest at
     * probability 0 and 1. Read off them, the 10th–90th percentiles of ten observations hold only 8 of 11 next
     * ones (measured on the default scenario: 0.73 of deliveries inside the interval at out-for-delivery, where
     * a courier round per outlet is the only step left). Above the largest, the exponential tail of
     * {@link #overdueMeanMillis()}. A prior ({@code count} 0) is read as it is.
     */
    public double predictiveMillis(double u) {
        return predictiveMillis(u, predictiveScale());
    }

    /**
     * How much wider the predictive distribution is than the quantiles, on the probability scale: {@code (n+1)/(n-1)}
     * (1 for a prior). A draw {@code u} is read at {@code u * scale - (scale - 1) / 2} of the quantiles: below 0 the
     * smallest seen, above 1 the tail.
     */
    public double predictiveScale() {
        return count < 2 ? 1 : (count + 1) / (double) (count - 1);
    }

    /** {@link #predictiveMillis(double)} with its {@link #predictiveScale()} computed once per step by the caller, not per draw. */
    public double predictiveMillis(double u, double scale) {
        double position = u * scale - (scale - 1) * 0.5;
        if (position <= 0) {
            return quantileSeconds[0] * 1000.0;
        }
        if (position < 1) {
            return quantileMillis(position);
        }
        if (scale == 1) {
            return quantileSeconds[LAST] * 1000.0;
        }
        double beyond = Math.min((position - 1) * 2 / (scale - 1), 0.999_999);
        return quantileSeconds[LAST] * 1000.0 - overdueMeanMillis() * Math.log(1 - beyond);
    }

    /** The inverse of {@link #predictiveMillis}: the probability that the next duration is at most {@code millis}. */
    public double predictiveCdf(double millis) {
        if (count < 2) {
            return cdf(millis);
        }
        double n = count;
        if (millis < quantileSeconds[0] * 1000.0) {
            return 0;
        }
        if (millis >= quantileSeconds[LAST] * 1000.0) {
            return 1 - Math.exp(-(millis - quantileSeconds[LAST] * 1000.0) / overdueMeanMillis()) / (n + 1);
        }
        return (1 + cdf(millis) * (n - 1)) / (n + 1);
    }

    /**
     * Mean of the exponential tail assumed once a step has lasted longer than anything seen: the spread between
     * the median and the 95th percentile, at least a minute. A step that overran is then "due any moment, at
     * about its usual spread", with no upper bound.
     */
    public double overdueMeanMillis() {
        return Math.max(60_000.0, (quantileSeconds[P95] - quantileSeconds[MEDIAN]) * 1000.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepSummary other && typicalSeconds == other.typicalSeconds && count == other.count && asOf == other.asOf
                && Arrays.equals(quantileSeconds, other.quantileSeconds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantileSeconds) * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "StepSummary{p50=" + quantileSeconds[MEDIAN] + "s, p95=" + quantileSeconds[P95] + "s, typical=" + typicalSeconds
                + "s, n=" + count + ", asOf=" + asOf + "}";
    }
}
