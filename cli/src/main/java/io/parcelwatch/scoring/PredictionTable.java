package io.parcelwatch.scoring;

import io.parcelwatch.scoring.PredictionScore.Confusion;
import io.parcelwatch.scoring.PredictionScore.Goal;
import io.parcelwatch.scoring.PredictionScore.Result;
import io.parcelwatch.scoring.PredictionScore.Row;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The delivery-time prediction table the score command prints after the detection table. */
public final class PredictionTable {
    private PredictionTable() {}

    public static String format(Result result, String source) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Delivery-time prediction: %d delivered parcels with a promise from %s"
                        + " (ignored: %d without deliveredAt, %d without promisedAt, %d incomplete snapshots)%n%n",
                result.delivered(), source, result.notDelivered(), result.noPromise(), result.incomplete()));
        out.append(String.format(Locale.ROOT, "%-17s %-12s %6s %6s %7s %8s %12s %9s %10s %7s %7s%n", "point", "predictor", "n",
                "late", "MAE h", "medAE h", "in p10-p90", "accuracy", "precision", "recall", "MCC"));
        for (Row r : result.rows()) {
            Confusion c = r.confusion();
            boolean none = r.n() == 0;
            out.append(String.format(Locale.ROOT, "%-17s %-12s %6d %6d %7s %8s %12s %9s %10s %7s %7s%n", r.point().label(),
                    r.predictor().label(), r.n(), c.actuallyLate(), number(r.meanAbsErrorHours(), "%.2f"),
                    number(r.medianAbsErrorHours(), "%.2f"), number(r.calibration(), "%.3f"), number(c.accuracy(), "%.3f"),
                    number(c.precision(), "%.3f"), number(c.recall(), "%.3f"), none ? "n/a" : number(c.mcc(), "%.3f")));
        }
        out.append(String.format(Locale.ROOT, "%nn: delivered parcels whose document has the prediction made at that point"
                + " (all three rows of a point score the same%n  parcels, but a service level without any pickup prediction has no static average); late: delivered after the promise.%n"));
        out.append(String.format(Locale.ROOT, "MAE h / medAE h: mean / median absolute error of the predicted time (tracker: p50)"
                + " in hours; in p10-p90: share of deliveries inside the tracker's interval (calibration).%n"));
        out.append(String.format(Locale.ROOT, "Predicted late: tracker lateProbability >= %.2f (--late-threshold); promised: never;"
                + " static avg: its time after the promise.%n", result.lateThreshold()));
        out.append(String.format(Locale.ROOT, "MCC: Matthews correlation coefficient, defined as 0 when undefined (nothing predicted"
                + " late or nothing on time, or no parcel late or none on time);%n  precision n/a when nothing was predicted late,"
                + " recall n/a when no parcel was late.%n"));
        out.append(String.format(Locale.ROOT, "* static avg: pickup time + the mean pickup-to-delivery time of the scored parcels of"
                + " the same service level (%s);%n  fitted in-sample on the very deliveries it is scored on, which flatters it.%n",
                means(result.staticMeans())));
        out.append(String.format(Locale.ROOT, "%nGoals at the halfway point (issue 5):%n"));
        for (Goal g : PredictionScore.halfwayGoals(result)) {
            out.append(String.format(Locale.ROOT, "  %-18s %-28s %-13s %s%n", g.name(), g.value(), g.target(), g.met() ? "met" : "NOT met"));
        }
        return out.toString();
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static String means(Map<String, Duration> means) {
        if (means.isEmpty()) {
            return "none: no delivered parcel has a pickup prediction";
        }
        return means.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1fh", e.getKey(), e.getValue().toMillis() / 3_600_000.0))
                .collect(Collectors.joining(", "));
    }
}
