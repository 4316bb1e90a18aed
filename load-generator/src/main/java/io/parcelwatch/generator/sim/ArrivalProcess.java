package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;

import io.parcelwatch.generator.network.ChinaTime;
import io.parcelwatch.generator.random.Rng;

/**
 * When parcels are announced: a Poisson process whose rate follows the hour of day (quiet nights,
 * busy mornings and afternoons, an evening online-shopping peak) and the day of week (busier
 * Mondays, quieter weekends), China local time. The shape averages to 1 over a week, so the mean rate
 * is the configured parcels per hour.
 */
public final class ArrivalProcess {
    static final double[] HOUR_SHAPE = normalize(new double[] {
            0.25, 0.15, 0.10, 0.08, 0.08, 0.12, 0.30, 0.60, 1.00, 1.40, 1.60, 1.60,
            1.30, 1.30, 1.50, 1.60, 1.50, 1.30, 1.10, 1.00, 1.10, 1.20, 0.90, 0.50});
    static final double[] DAY_SHAPE = normalize(new double[] {1.10, 1.05, 1.00, 1.00, 1.00, 0.90, 0.85});
    private static final double MAX_SHAPE = max(HOUR_SHAPE) * max(DAY_SHAPE);
    private static final long PURPOSE = 0x415252L;

    private final Rng rng;
    private final double meanGapHoursAtPeak;
    private long time;

    public ArrivalProcess(long seed, double parcelsPerHour, long start) {
        if (!(parcelsPerHour > 0)) {
            throw new IllegalArgumentException("parcels per hour must be positive");
        }
        this.rng = Rng.derive(seed, 0, PURPOSE);
        this.meanGapHoursAtPeak = 1.0 / (parcelsPerHour * MAX_SHAPE);
        this.time = start;
    }

    /** Relative arrival rate at a time (1 = the weekly mean). */
    public static double shape(long time) {
        return HOUR_SHAPE[ChinaTime.hourOfDay(time)] * DAY_SHAPE[ChinaTime.dayOfWeek(time)];
    }

    /** The next announcement time (thinning of a Poisson process at the peak rate). */
    public long next() {
        while (true) {
            time += Math.max(1, Math.round(rng.exponential(meanGapHoursAtPeak) * HOUR));
            if (rng.nextDouble() * MAX_SHAPE < shape(time)) {
                return time;
            }
        }
    }

    private static double[] normalize(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] * w.length / sum;
        }
        return out;
    }

    private static double max(double[] w) {
        double m = 0;
        for (double v : w) {
            m = Math.max(m, v);
        }
        return m;
    }
}
