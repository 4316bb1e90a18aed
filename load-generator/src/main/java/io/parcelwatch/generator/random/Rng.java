package io.parcelwatch.generator.random;

/**
 * A small, fast, fully specified pseudo-random generator (SplitMix64), so that the same seed gives the
 * same stream on every JDK and platform. Distributions use {@link StrictMath} for the same reason.
 *
 * <p>Every parcel gets its own generator, derived from the run seed, the parcel's index and a purpose
 * ({@link #derive}), so that one parcel's draws never shift another's and switching one feature off
 * (for example disorder) leaves every other decision unchanged.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator for one purpose, independent of generators with other keys. */
    public static Rng derive(long seed, long key, long purpose) {
        return new Rng(mix(mix(seed ^ mix(key + GOLDEN)) + purpose * GOLDEN));
    }

    /** The SplitMix64 finaliser: a good 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) from a hash, for stateless per-item draws. */
    public static double unit(long hash) {
        return (mix(hash) >>> 11) * 0x1.0p-53;
    }

    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** Uniform in [min, max). */
    public double uniform(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform long in [min, max). */
    public long uniformLong(long min, long max) {
        if (max <= min) {
            return min;
        }
        return min + (long) ((max - min) * nextDouble());
    }

    public boolean chance(double probability) {
        return probability > 0 && nextDouble() < probability;
    }

    /** Standard normal (Marsaglia polar method; one value per call, the spare is discarded for simplicity). */
    public double gaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /**
     * Log-normal with the given median and shape sigma, truncated to at most {@code max} (a draw above
     * is redrawn by reflecting the normal into the allowed range, so the cap is a hard limit without
     * piling mass on it).
     */
    public double logNormal(double median, double sigma, double max) {
        double logMax = StrictMath.log(max / median) / sigma;
        double z = gaussian();
        if (z > logMax) {
            // fold the tail back below the cap: keeps the distribution smooth and the cap strict
            z = logMax - (z - logMax) % (logMax + 3);
        }
        double value = median * StrictMath.exp(sigma * z);
        return Math.min(value, max);
    }

    /** Exponential with the given mean. */
    public double exponential(double mean) {
        return -mean * StrictMath.log(1 - nextDouble());
    }

    /** Log-uniform in [min, max]: as many short values per decade as long ones. */
    public double logUniform(double min, double max) {
        if (max <= min) {
            return min;
        }
        return min * StrictMath.exp(nextDouble() * StrictMath.log(max / min));
    }

    /** Poisson-distributed count (Knuth's method; fine for the small means used here). */
    public int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = StrictMath.exp(-mean);
        int k = 0;
        double p = nextDouble();
        while (p > limit) {
            k++;
            p *= nextDouble();
        }
        return k;
    }

    /** Picks an index with probability proportional to its weight. */
    public int weighted(double[] cumulativeWeights) {
        double total = cumulativeWeights[cumulativeWeights.length - 1];
        double r = nextDouble() * total;
        int lo = 0;
        int hi = cumulativeWeights.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeights[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}
