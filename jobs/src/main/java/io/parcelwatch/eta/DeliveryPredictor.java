package io.parcelwatch.eta;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predicts a parcel's delivery time from the steps it has left.
 *
 * <h2>How the steps add up</h2>
 * The delivery time is now plus the sum of the remaining steps' durations, taken as independent. The sum of
 * independent variables with arbitrary (learned, skewed, often bimodal) distributions has no closed form, so
 * it is sampled: a deterministic Monte Carlo of {@link #samples} draws per step through each step's inverse CDF
 * (linear between the summary's 25 quantile points). Draws are stratified (a Latin hypercube: each step's
 * draws take the midpoint of each of {@code samples} equal strata once, in a random order per step), which
 * gives each step's distribution exactly and the sum's 10th–90th percentiles to within a few percent with a
 * few hundred samples. The random stream is seeded by
 * the parcel id, so the same parcel gets the same draws at every prediction: its predicted time moves only
 * when what is known moves, not with sampling noise.
 * <ul>
 * <li>The current step is conditioned on the time already spent in it: its draws come from the distribution
 *     above {@code F(elapsed)} and count only what is left. A step that has lasted longer than anything seen is
 *     given an exponential remainder ({@link StepSummary#overdueMeanMillis()}): overdue steps end "any time now",
 *     and the longer they last the later the prediction.</li>
 * <li>Steps whose duration depends on the hour they start ({@link StepKind#timeOfDayMatters()}) take, in each
 *     draw, the summary of the band in which that draw reaches them: a parcel that would reach its outlet at 14:00
 *     in one draw and at 19:00 in another waits for different delivery rounds.</li>
 * <li>Each step uses its band's learned summary if it has {@link EtaPriors#minObservations()}, else the key's
 *     whole-day summary, else the prior for its kind and service level.</li>
 * </ul>
 *
 * <h2>The slowest step</h2>
 * For the current step, how much longer it is now expected to take in all (the median given the time
 * elapsed) than its typical duration; for a future step, how much its recent median exceeds its typical
 * (longer-run) median, as on a disrupted lane. The step with the largest positive excess is reported.
 */
public final class DeliveryPredictor implements Serializable {
    /** Pass as the promised time when there is none: nothing is then late. */
    public static final long NO_PROMISE = Long.MAX_VALUE;

    private final EtaPriors priors;
    private final TimeOfDayBands bands;
    private final int samples;
    private transient Map<String, StepSummary> priorSummaries;

    public DeliveryPredictor(EtaPriors priors, TimeOfDayBands bands, int samples) {
        if (samples < 10) {
            throw new IllegalArgumentException("samples: " + samples);
        }
        this.priors = priors;
        this.bands = bands;
        this.samples = samples;
    }

    /** Default priors and bands, 256 samples. */
    public static DeliveryPredictor defaults() {
        return new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
    }

    /** A resolved step distribution and the key it was found under. */
    private record Resolved(StepSummary summary, String key) {}

    /**
     * @param parcelId   seeds the draws
     * @param journey    what is left ({@link JourneySteps#remaining})
     * @param now        event time of the prediction
     * @param promisedAt promised delivery (epoch millis) or {@link #NO_PROMISE}
     * @param model      learned summaries
     */
    public Prediction predict(String parcelId, RemainingJourney journey, long now, long promisedAt, StepSummaryLookup model)
            throws Exception {
        if (journey.finished() || journey.steps().isEmpty()) {
            return new Prediction(now, now, now, now > promisedAt ? 1 : 0, null, now);
        }
        int n = samples;
        double stratum = 1.0 / n;
        double[] total = new double[n];
        int[] strata = new int[n];
        for (int i = 0; i < n; i++) {
            strata[i] = i;
        }
        SplittableRandom random = new SplittableRandom(parcelId.hashCode() * 0x9E3779B97F4A7C15L);
        String slowest = null;
        double worstExcess = 0;
        for (int s = 0; s < journey.steps().size(); s++) {
            StepKey key = journey.steps().get(s);
            boolean banded = bands.enabled() && key.kind().timeOfDayMatters();
            shuffle(strata, random);
            double excess;
            String excessKey;
            if (s == 0 && journey.hasCurrent()) {
                long startedAt = journey.currentStartedAt();
                Resolved r = resolve(banded ? key.withBand(bands.bandOf(startedAt)) : key, model);
                double elapsed = journey.elapsedAt(now);
                StepSummary d = r.summary();
                double reached = d.cdf(elapsed);
                for (int i = 0; i < n; i++) {
                    total[i] += remainder(d, reached, elapsed, (strata[i] + 0.5) * stratum);
                }
                excess = elapsed + remainder(d, reached, elapsed, 0.5) - d.typicalMillis();
                excessKey = r.key();
            } else {
                Resolved whole = resolve(key.anyBand(), model);
                if (banded) {
                    StepSummary[] byBand = new StepSummary[bands.count()];
                    String anyBand = whole.key();
                    String prefix = anyBand.substring(0, anyBand.length() - 1); // "KIND|scope|service|" without the "*"
                    for (int i = 0; i < n; i++) {
                        int band = bands.bandOf(now + (long) total[i]);
                        if (byBand[band] == null) {
                            byBand[band] = resolveBand(prefix + band, whole, model);
                        }
                        total[i] += byBand[band].quantileMillis((strata[i] + 0.5) * stratum);
                    }
                } else {
                    StepSummary d = whole.summary();
                    for (int i = 0; i < n; i++) {
                        total[i] += d.quantileMillis((strata[i] + 0.5) * stratum);
                    }
                }
                excess = whole.summary().medianMillis() - whole.summary().typicalMillis();
                excessKey = whole.key();
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                slowest = excessKey;
            }
        }
        Arrays.sort(total);
        int late = 0;
        if (promisedAt != NO_PROMISE) {
            for (int i = n - 1; i >= 0 && now + total[i] > promisedAt; i--) {
                late++;
            }
        }
        return new Prediction(now + Math.round(percentile(total, 0.10)), now + Math.round(percentile(total, 0.50)),
                now + Math.round(percentile(total, 0.90)), late / (double) n, slowest, now);
    }

    /** What is left of the current step for draw {@code u}, given that {@code elapsed} has passed ({@code F(elapsed) = reached}). */
    private static double remainder(StepSummary d, double reached, double elapsed, double u) {
        if (reached >= 1) {
            return -d.overdueMeanMillis() * Math.log(1 - u * 0.999_999);
        }
        return Math.max(0, d.quantileMillis(reached + u * (1 - reached)) - elapsed);
    }

    private Resolved resolve(StepKey key, StepSummaryLookup model) throws Exception {
        String name = key.asString();
        StepSummary learned = model.summary(name);
        if (learned != null && learned.count() >= priors.minObservations()) {
            return new Resolved(learned, name);
        }
        if (key.hasBand()) {
            return resolve(key.anyBand(), model);
        }
        return new Resolved(priorSummary(key), name);
    }

    /** A band's learned summary, else the step's whole-day one ({@code whole}, already resolved). */
    private StepSummary resolveBand(String bandKey, Resolved whole, StepSummaryLookup model) throws Exception {
        StepSummary learned = model.summary(bandKey);
        return learned != null && learned.count() >= priors.minObservations() ? learned : whole.summary();
    }

    private StepSummary priorSummary(StepKey key) {
        Map<String, StepSummary> cache = priorSummaries;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            priorSummaries = cache;
        }
        return cache.computeIfAbsent(key.kind().code() + '|' + key.service(), k -> priors.prior(key.kind(), key.service()).summary());
    }

    /** Fisher-Yates; the index by multiply-shift rather than a division (a bias of 2^-24 at most does not matter here). */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) (((random.nextInt() & 0xFFFF_FFFFL) * (i + 1)) >>> 32);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Linear between order statistics of sorted draws. */
    private static double percentile(double[] sorted, double q) {
        double x = q * (sorted.length - 1);
        int i = (int) x;
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (x - i);
    }
}
