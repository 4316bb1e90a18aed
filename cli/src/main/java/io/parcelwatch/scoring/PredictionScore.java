package io.parcelwatch.scoring;

import io.parcelwatch.scoring.Delivery.Point;
import io.parcelwatch.scoring.Delivery.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How good the delivery-time predictions were, for delivered parcels, at each fixed point of the journey
 * ({@link Point}), next to two baselines computed from the same documents:
 * <ul>
 *   <li>{@link Predictor#PROMISED}: the promised time is the prediction; it never predicts late and has no
 *       interval;</li>
 *   <li>{@link Predictor#STATIC_AVERAGE}: pickup time (the pickup snapshot's {@code at}, else the point's own)
 *       plus the mean pickup-to-delivery duration of the scored parcels of the same service level. Fitted on
 *       the very deliveries it is scored on (in-sample), which flatters it. Late if that time is after the
 *       promise; no interval.</li>
 * </ul>
 * A parcel counts at a point when its document has a complete snapshot for that point, for all three rows of
 * that point, so they are compared on the same parcels (the static average leaves out the parcels of a
 * service level without any pickup snapshot to fit its mean on). Parcels not delivered, or without a promise,
 * are left out (and counted).
 *
 * <p>Absolute errors are in hours (median: the mean of the two middle values for an even count). Calibration
 * is the share of deliveries inside [p10, p90] (both ends included). Actually late: delivered after the
 * promise. Predicted late: {@code lateProbability >= lateThreshold} for the tracker. MCC is the Matthews
 * correlation coefficient, taken as 0 when undefined (no predicted late, no predicted on time, no late or no
 * on-time parcel); precision is NaN when nothing was predicted late, recall NaN when nothing was late.
 */
public final class PredictionScore {
    /** Where the prediction comes from. */
    public enum Predictor {
        MODEL("tracker"), PROMISED("promised"), STATIC_AVERAGE("static avg*");

        private final String label;

        Predictor(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Delay prediction against what happened; positive = late. */
    public record Confusion(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {
        public int n() {
            return truePositives + falsePositives + trueNegatives + falseNegatives;
        }

        public int actuallyLate() {
            return truePositives + falseNegatives;
        }

        public double accuracy() {
            return n() == 0 ? Double.NaN : (double) (truePositives + trueNegatives) / n();
        }

        public double precision() {
            int predicted = truePositives + falsePositives;
            return predicted == 0 ? Double.NaN : (double) truePositives / predicted;
        }

        public double recall() {
            int late = actuallyLate();
            return late == 0 ? Double.NaN : (double) truePositives / late;
        }

        /** Matthews correlation coefficient; 0 when a row or column of the matrix is empty (undefined). */
        public double mcc() {
            double tp = truePositives, fp = falsePositives, tn = trueNegatives, fn = falseNegatives;
            double denominator = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
            return denominator == 0 ? 0 : (tp * tn - fp * fn) / Math.sqrt(denominator);
        }
    }

    /**
     * One predictor at one point; errors NaN when {@code n} is 0, calibration NaN without an interval.
     */
    public record Row(Point point, Predictor predictor, int n, double meanAbsErrorHours, double medianAbsErrorHours,
                      double calibration, Confusion confusion) {
    }

    /**
     * @param rows            point by point, in {@link Predictor} order
     * @param delivered       delivered parcels with a promise (those scored)
     * @param notDelivered    documents without {@code deliveredAt}, ignored
     * @param noPromise       delivered parcels without {@code promisedAt}, ignored
     * @param incomplete      snapshots of scored parcels left out for a missing field
     * @param staticMeans     the static baseline's mean pickup-to-delivery duration per service level
     * @param lateThreshold   the tracker's lateProbability from which it predicts late
     */
    public record Result(List<Row> rows, int delivered, int notDelivered, int noPromise, int incomplete,
                         Map<String, Duration> staticMeans, double lateThreshold) {
        public Row row(Point point, Predictor predictor) {
            return rows.stream().filter(r -> r.point() == point && r.predictor() == predictor).findFirst().orElseThrow();
        }
    }

    /** A goal of issue 5 at the halfway point. */
    public record Goal(String name, String value, String target, boolean met) {
    }

    /** Predicted late at or above this probability: the tracker's own default for raising PREDICTED_DELAY. */
    public static final double DEFAULT_LATE_THRESHOLD = 0.5;

    /** Key of parcels without a service level in {@link Result#staticMeans()}. */
    static final String NO_SERVICE_LEVEL = "(none)";

    private PredictionScore() {}

    public static Result score(Collection<Delivery> documents, double lateThreshold) {
        List<Delivery> scored = new ArrayList<>();
        int notDelivered = 0;
        int noPromise = 0;
        int incomplete = 0;
        for (Delivery d : documents) {
            if (d.deliveredAt() == null) {
                notDelivered++;
            } else if (d.promisedAt() == null) {
                noPromise++;
            } else {
                scored.add(d);
                incomplete += d.incomplete();
            }
        }
        Map<String, Duration> staticMeans = staticMeans(scored);
        List<Row> rows = new ArrayList<>();
        for (Point point : Point.values()) {
            Map<Predictor, Accumulator> acc = new EnumMap<>(Predictor.class);
            for (Predictor p : Predictor.values()) {
                acc.put(p, new Accumulator());
            }
            for (Delivery d : scored) {
                Snapshot s = d.snapshots().get(point);
                if (s == null) {
                    continue;
                }
                boolean late = d.deliveredAt().isAfter(d.promisedAt());
                boolean inside = !d.deliveredAt().isBefore(s.p10()) && !d.deliveredAt().isAfter(s.p90());
                acc.get(Predictor.MODEL).add(s.p50(), d.deliveredAt(), inside, s.lateProbability() >= lateThreshold, late);
                acc.get(Predictor.PROMISED).add(d.promisedAt(), d.deliveredAt(), null, false, late);
                Duration mean = staticMeans.get(serviceLevel(d));
                if (mean != null) {
                    Snapshot pickup = d.snapshots().get(Point.PICKUP);
                    Instant predicted = (pickup != null ? pickup.at() : s.at()).plus(mean);
                    acc.get(Predictor.STATIC_AVERAGE).add(predicted, d.deliveredAt(), null, predicted.isAfter(d.promisedAt()), late);
                }
            }
            for (Predictor p : Predictor.values()) {
                rows.add(acc.get(p).row(point, p));
            }
        }
        return new Result(List.copyOf(rows), scored.size(), notDelivered, noPromise, incomplete, staticMeans, lateThreshold);
    }

    /** Mean of deliveredAt - pickup.at per service level, over the parcels with a pickup snapshot. */
    static Map<String, Duration> staticMeans(List<Delivery> scored) {
        Map<String, long[]> sums = new HashMap<>();
        for (Delivery d : scored) {
            Snapshot pickup = d.snapshots().get(Point.PICKUP);
            if (pickup != null) {
                long[] sum = sums.computeIfAbsent(serviceLevel(d), k -> new long[2]);
                sum[0] += Duration.between(pickup.at(), d.deliveredAt()).toMillis();
                sum[1]++;
            }
        }
        Map<String, Duration> means = new TreeMap<>();
        sums.forEach((level, sum) -> means.put(level, Duration.ofMillis(Math.round((double) sum[0] / sum[1]))));
        return Collections.unmodifiableMap(means);
    }

    private static String serviceLevel(Delivery d) {
        return d.serviceLevel() == null ? NO_SERVICE_LEVEL : d.serviceLevel();
    }

    /**
     * The goals of issue 5 at the halfway point: delay accuracy at least 0.90 and MCC at least 0.6, a mean
     * absolute error at least 40% below the static-average baseline's, 75-85% of deliveries inside [p10, p90].
     * A goal without data (no tracker predictions at halfway) is not met.
     */
    public static List<Goal> halfwayGoals(Result result) {
        Row model = result.row(Point.HALFWAY, Predictor.MODEL);
        Row baseline = result.row(Point.HALFWAY, Predictor.STATIC_AVERAGE);
        Confusion c = model.confusion();
        double accuracy = c.accuracy();
        double mcc = model.n() == 0 ? Double.NaN : c.mcc();
        double reduction = 1 - model.meanAbsErrorHours() / baseline.meanAbsErrorHours();
        double calibration = model.calibration();
        return List.of(
                new Goal("delay accuracy", fmt("%.3f", accuracy), ">= 0.90", accuracy >= 0.90),
                new Goal("delay MCC", fmt("%.3f", mcc), ">= 0.60", mcc >= 0.6),
                new Goal("MAE vs static avg", Double.isNaN(reduction) ? "n/a"
                        : fmt("%.1fh vs %.1fh: %.0f%% lower", model.meanAbsErrorHours(), baseline.meanAbsErrorHours(), 100 * reduction),
                        ">= 40% lower", reduction >= 0.40),
                new Goal("calibration", fmt("%.3f", calibration), "0.75-0.85", calibration >= 0.75 && calibration <= 0.85));
    }

    private static String fmt(String format, double... values) {
        if (Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format, Arrays.stream(values).boxed().toArray());
    }

    /** Errors, interval hits and the confusion matrix of one predictor at one point. */
    private static final class Accumulator {
        final List<Double> errors = new ArrayList<>();
        int intervals;
        int inside;
        int tp, fp, tn, fn;

        void add(Instant predicted, Instant delivered, Boolean insideInterval, boolean predictedLate, boolean late) {
            errors.add(Math.abs(Duration.between(predicted, delivered).toMillis()) / 3_600_000.0);
            if (insideInterval != null) {
                intervals++;
                inside += insideInterval ? 1 : 0;
            }
            if (predictedLate) {
                if (late) tp++; else fp++;
            } else {
                if (late) fn++; else tn++;
            }
        }

        Row row(Point point, Predictor predictor) {
            Collections.sort(errors);
            int n = errors.size();
            double mean = n == 0 ? Double.NaN : errors.stream().mapToDouble(Double::doubleValue).sum() / n;
            double median = n == 0 ? Double.NaN : n % 2 == 1 ? errors.get(n / 2) : (errors.get(n / 2 - 1) + errors.get(n / 2)) / 2;
            return new Row(point, predictor, n, mean, median, intervals == 0 ? Double.NaN : (double) inside / intervals,
                    new Confusion(tp, fp, tn, fn));
        }
    }
}
