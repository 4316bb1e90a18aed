package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a step is assumed to take before anything is learned about it: a median and a 90th percentile, read as a
 * log-normal distribution (durations are positive and right-skewed, and the generator draws most of them so).
 *
 * @param median median duration
 * @param p90    90th percentile, at least the median
 */
public record StepPrior(Duration median, Duration p90) implements Serializable {
    /** Standard normal quantiles at {@link StepSummary#LEVELS}; the ends stand at 0.1% and 99.9%. */
    private static final double[] Z = {-3.0902, -2.3263, -1.9600, -1.6449, -1.2816, -1.0364, -0.8416, -0.6745, -0.5244, -0.3853,
            -0.2533, -0.1257, 0, 0.1257, 0.2533, 0.3853, 0.5244, 0.6745, 0.8416, 1.0364, 1.2816, 1.6449, 1.9600, 2.3263, 3.0902};
    private static final double Z90 = 1.2816;

    public StepPrior {
        if (median.isNegative() || median.isZero() || p90.compareTo(median) < 0) {
            throw new IllegalArgumentException("need 0 < median <= p90: " + median + ", " + p90);
        }
    }

    public static StepPrior ofMinutes(double median, double p90) {
        return new StepPrior(Duration.ofSeconds(Math.round(median * 60)), Duration.ofSeconds(Math.round(p90 * 60)));
    }

    public static StepPrior ofHours(double median, double p90) {
        return ofMinutes(median * 60, p90 * 60);
    }

    /** As a summary with no observations behind it. */
    public StepSummary summary() {
        double m = median.toMillis() / 1000.0;
        double sigma = Math.log(p90.toMillis() / (double) median.toMillis()) / Z90;
        int[] q = new int[StepSummary.POINTS];
        for (int i = 0; i < q.length; i++) {
            q[i] = (int) Math.min(Integer.MAX_VALUE, Math.round(m * Math.exp(sigma * Z[i])));
        }
        return new StepSummary(q, q[StepSummary.MEDIAN], 0, 0);
    }
}
