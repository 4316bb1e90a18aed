package io.parcelwatch.scoring;

import static io.parcelwatch.scoring.PredictionDocs.doc;
import static io.parcelwatch.scoring.PredictionDocs.parse;
import static io.parcelwatch.scoring.PredictionDocs.snap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parcelwatch.scoring.Delivery.Point;
import io.parcelwatch.scoring.PredictionScore.Confusion;
import io.parcelwatch.scoring.PredictionScore.Goal;
import io.parcelwatch.scoring.PredictionScore.Predictor;
import io.parcelwatch.scoring.PredictionScore.Result;
import io.parcelwatch.scoring.PredictionScore.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionScoreTest {
    static final double EPS = 1e-9;

    @Test
    void confusionMetricsOnAHandComputedMatrix() {
        Confusion c = new Confusion(3, 1, 4, 2); // TP, FP, TN, FN
        assertThat(c.accuracy()).isCloseTo(0.7, within(EPS));
        assertThat(c.precision()).isCloseTo(0.75, within(EPS));
        assertThat(c.recall()).isCloseTo(0.6, within(EPS));
        // (3*4 - 1*2) / sqrt(4 * 5 * 5 * 6) = 10 / sqrt(600)
        assertThat(c.mcc()).isCloseTo(0.408248290463863, within(1e-12));

        assertThat(new Confusion(2, 0, 3, 0).mcc()).isCloseTo(1.0, within(EPS));
        assertThat(new Confusion(0, 2, 0, 3).mcc()).isCloseTo(-1.0, within(EPS));
        Confusion neverLate = new Confusion(0, 0, 5, 3);
        assertThat(neverLate.mcc()).isZero(); // undefined: nothing predicted late
        assertThat(neverLate.precision()).isNaN();
        assertThat(neverLate.recall()).isZero();
        assertThat(neverLate.accuracy()).isCloseTo(5.0 / 8, within(EPS));
        assertThat(new Confusion(0, 0, 4, 0).recall()).isNaN(); // nothing was late
    }

    /** Four STANDARD parcels promised at T+48h, each with a pickup prediction made at T. */
    static List<Delivery> fourParcels() {
        return parse(
                snap(doc("A", "STANDARD", 48.0, 40.0), "pickup", 0, 36, 42, 46, 0.2),  // on time, inside, predicted on time: TN
                snap(doc("B", "STANDARD", 48.0, 52.0), "pickup", 0, 44, 48, 50, 0.6),  // late, outside, predicted late: TP
                snap(doc("C", "STANDARD", 48.0, 46.0), "pickup", 0, 44, 50, 56, 0.7),  // on time, inside, predicted late: FP
                snap(doc("D", "STANDARD", 48.0, 60.0), "pickup", 0, 40, 46, 52, 0.5)); // late, outside, at the threshold: TP
    }

    @Test
    void trackerErrorsCalibrationAndDelayPrediction() {
        Result result = PredictionScore.score(fourParcels(), 0.5);
        Row model = result.row(Point.PICKUP, Predictor.MODEL);

        assertThat(result.delivered()).isEqualTo(4);
        assertThat(model.n()).isEqualTo(4);
        assertThat(model.meanAbsErrorHours()).isCloseTo(6.0, within(EPS)); // |errors| 2, 4, 4, 14
        assertThat(model.medianAbsErrorHours()).isCloseTo(4.0, within(EPS));
        assertThat(model.calibration()).isCloseTo(0.5, within(EPS)); // A and C inside [p10, p90]
        assertThat(model.confusion()).isEqualTo(new Confusion(2, 1, 1, 0));
        assertThat(model.confusion().accuracy()).isCloseTo(0.75, within(EPS));
        assertThat(model.confusion().precision()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(model.confusion().recall()).isCloseTo(1.0, within(EPS));
        assertThat(model.confusion().mcc()).isCloseTo(2 / Math.sqrt(12), within(EPS)); // (2*1 - 1*0) / sqrt(3*2*2*1)

        // A stricter threshold: D (0.5) is no longer predicted late.
        Row strict = PredictionScore.score(fourParcels(), 0.55).row(Point.PICKUP, Predictor.MODEL);
        assertThat(strict.confusion()).isEqualTo(new Confusion(1, 1, 1, 1));
    }

    @Test
    void promisedBaselineNeverPredictsLate() {
        Row promised = PredictionScore.score(fourParcels(), 0.5).row(Point.PICKUP, Predictor.PROMISED);

        assertThat(promised.n()).isEqualTo(4);
        assertThat(promised.meanAbsErrorHours()).isCloseTo(6.5, within(EPS)); // |48 - d|: 8, 4, 2, 12
        assertThat(promised.medianAbsErrorHours()).isCloseTo(6.0, within(EPS));
        assertThat(promised.calibration()).isNaN(); // no interval
        assertThat(promised.confusion()).isEqualTo(new Confusion(0, 0, 2, 2));
        assertThat(promised.confusion().accuracy()).isCloseTo(0.5, within(EPS)); // the on-time share
        assertThat(promised.confusion().mcc()).isZero();
    }

    @Test
    void staticAverageBaselineIsPickupPlusTheServiceLevelsMeanDuration() {
        Result result = PredictionScore.score(fourParcels(), 0.5);
        Row baseline = result.row(Point.PICKUP, Predictor.STATIC_AVERAGE);

        assertThat(result.staticMeans()).isEqualTo(Map.of("STANDARD", Duration.ofMinutes(49 * 60 + 30))); // mean of 40, 52, 46, 60
        assertThat(baseline.n()).isEqualTo(4);
        assertThat(baseline.meanAbsErrorHours()).isCloseTo(6.5, within(EPS)); // |49.5 - d|: 9.5, 2.5, 3.5, 10.5
        assertThat(baseline.medianAbsErrorHours()).isCloseTo(6.5, within(EPS));
        assertThat(baseline.calibration()).isNaN();
        assertThat(baseline.confusion()).isEqualTo(new Confusion(2, 2, 0, 0)); // T+49.5 is after the promise: all late
        assertThat(baseline.confusion().mcc()).isZero();
    }

    /**
     * P1 and P2 STANDARD with a pickup prediction, P3 STANDARD with only a halfway one, P4 EXPRESS with both; no
     * parcel has an out-for-delivery prediction.
     */
    @Test
    void pointsMissingForSomeParcelsAndStaticMeansPerServiceLevel() {
        List<Delivery> docs = parse(
                snap(snap(doc("P1", "STANDARD", 48.0, 40.0), "pickup", 0, 30, 44, 50, 0.1), "halfway", 20, 35, 41, 45, 0.1),
                snap(doc("P2", "STANDARD", 48.0, 50.0), "pickup", 0, 30, 44, 50, 0.1),
                snap(doc("P3", "STANDARD", 48.0, 30.0), "halfway", 10, 28, 33, 36, 0.1),
                snap(snap(doc("P4", "EXPRESS", 24.0, 20.0), "pickup", 2, 15, 22, 30, 0.1), "halfway", 8, 21, 20, 30, 0.1));
        Result result = PredictionScore.score(docs, 0.5);

        // Means only from parcels with a pickup time: STANDARD (40 + 50) / 2, EXPRESS 20 - 2.
        assertThat(result.staticMeans()).isEqualTo(Map.of("STANDARD", Duration.ofHours(45), "EXPRESS", Duration.ofHours(18)));
        for (Predictor p : Predictor.values()) {
            assertThat(result.row(Point.PICKUP, p).n()).as(p.name()).isEqualTo(3);
            assertThat(result.row(Point.HALFWAY, p).n()).as(p.name()).isEqualTo(3);
            assertThat(result.row(Point.OUT_FOR_DELIVERY, p).n()).as(p.name()).isZero();
        }
        Row model = result.row(Point.HALFWAY, Predictor.MODEL);
        assertThat(model.meanAbsErrorHours()).isCloseTo(4.0 / 3, within(EPS)); // 1, 3, 0
        assertThat(model.calibration()).isCloseTo(2.0 / 3, within(EPS)); // P4's delivery (20) is before its p10 (21)
        // Static at halfway: P1 0 + 45 (error 5), P3 has no pickup: its halfway time 10 + 45 = 55 (error 25, and after the
        // promise: predicted late, but on time), P4 2 + 18 = 20 (error 0).
        Row baseline = result.row(Point.HALFWAY, Predictor.STATIC_AVERAGE);
        assertThat(baseline.meanAbsErrorHours()).isCloseTo(10.0, within(EPS));
        assertThat(baseline.medianAbsErrorHours()).isCloseTo(5.0, within(EPS));
        assertThat(baseline.confusion()).isEqualTo(new Confusion(0, 1, 2, 0));

        Row none = result.row(Point.OUT_FOR_DELIVERY, Predictor.MODEL);
        assertThat(none.meanAbsErrorHours()).isNaN();
        assertThat(none.calibration()).isNaN();
        assertThat(PredictionTable.format(result, "test")).containsPattern(
                "out for delivery\\s+tracker\\s+0\\s+0\\s+n/a\\s+n/a\\s+n/a\\s+n/a\\s+n/a\\s+n/a\\s+n/a");
    }

    @Test
    void parcelsNotDeliveredWithoutPromiseOrWithIncompleteSnapshotsAreLeftOut() {
        ObjectNode incomplete = snap(doc("X", "STANDARD", 48.0, 49.0), "halfway", 20, 40, 50, 60, 0.9);
        ((ObjectNode) incomplete.get("predictionsAt").get("halfway")).remove("p10");
        List<Delivery> docs = new ArrayList<>(fourParcels());
        docs.addAll(parse(
                snap(doc("N", "STANDARD", 48.0, null), "pickup", 0, 100, 200, 300, 0.9), // not delivered
                snap(doc("Q", "STANDARD", null, 41.0), "pickup", 0, 100, 200, 300, 0.9), // no promise
                incomplete));
        Result result = PredictionScore.score(docs, 0.5);

        assertThat(result.delivered()).isEqualTo(5);
        assertThat(result.notDelivered()).isEqualTo(1);
        assertThat(result.noPromise()).isEqualTo(1);
        assertThat(result.incomplete()).isEqualTo(1);
        Row model = result.row(Point.PICKUP, Predictor.MODEL);
        assertThat(model.n()).isEqualTo(4); // as without the three ignored documents
        assertThat(model.meanAbsErrorHours()).isCloseTo(6.0, within(EPS));
        assertThat(result.row(Point.HALFWAY, Predictor.MODEL).n()).isZero();
        assertThat(result.staticMeans().get("STANDARD")).isEqualTo(Duration.ofMinutes(49 * 60 + 30));
        assertThat(PredictionTable.format(result, "test"))
                .contains("1 without deliveredAt, 1 without promisedAt, 1 incomplete snapshots");
    }

    /**
     * 20 STANDARD parcels promised at T+48h, picked up at T, delivered at T+30h, 32h, ..., 68h (the last 10 late),
     * with a halfway prediction made at T+20h.
     */
    static List<Delivery> twenty(double p50Offset, boolean goodIntervals, boolean goodDelays) {
        List<Delivery> docs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double delivered = 30 + 2 * i;
            boolean late = delivered > 48;
            double p50 = delivered + p50Offset;
            boolean inside = goodIntervals && i % 5 != 0; // 16 of 20
            double p10 = inside ? delivered - 2 : delivered + 0.5;
            double lateProbability = goodDelays ? (late || i == 0 ? 0.9 : 0.1) : 0.1; // i = 0: a false alarm
            docs.add(DeliveryReader.parse(snap(snap(doc("G" + i, "STANDARD", 48.0, delivered), "pickup", 0, 0, 50, 70, 0.5),
                    "halfway", 20, p10, p50, delivered + 2, lateProbability)));
        }
        return docs;
    }

    @Test
    void halfwayGoalsMet() {
        Result result = PredictionScore.score(twenty(1, true, true), 0.5);
        Row model = result.row(Point.HALFWAY, Predictor.MODEL);
        assertThat(model.confusion()).isEqualTo(new Confusion(10, 1, 9, 0));
        assertThat(model.calibration()).isCloseTo(0.8, within(EPS));
        assertThat(result.row(Point.HALFWAY, Predictor.STATIC_AVERAGE).meanAbsErrorHours()).isCloseTo(10.0, within(EPS)); // |49 - d|

        List<Goal> goals = PredictionScore.halfwayGoals(result);
        assertThat(goals).extracting(Goal::met).containsExactly(true, true, true, true);
        assertThat(goals).extracting(Goal::value).containsExactly("0.950", "0.905", "1.0h vs 10.0h: 90% lower", "0.800");
        assertThat(PredictionTable.format(result, "test"))
                .containsPattern("delay accuracy\\s+0\\.950\\s+>= 0\\.90\\s+met")
                .containsPattern("calibration\\s+0\\.800\\s+0\\.75-0\\.85\\s+met")
                .contains("fitted in-sample")
                .doesNotContain("NOT met");
    }

    @Test
    void halfwayGoalsNotMet() {
        Result result = PredictionScore.score(twenty(8, false, false), 0.5);
        List<Goal> goals = PredictionScore.halfwayGoals(result);

        assertThat(goals).extracting(Goal::met).containsExactly(false, false, false, false);
        assertThat(goals).extracting(Goal::value).containsExactly("0.500", "0.000", "8.0h vs 10.0h: 20% lower", "0.000");
        assertThat(PredictionTable.format(result, "test"))
                .containsPattern("delay MCC\\s+0\\.000\\s+>= 0\\.60\\s+NOT met")
                .containsPattern("MAE vs static avg\\s+8\\.0h vs 10\\.0h: 20% lower\\s+>= 40% lower\\s+NOT met");

        // No halfway prediction at all: nothing to meet.
        List<Goal> none = PredictionScore.halfwayGoals(PredictionScore.score(fourParcels(), 0.5));
        assertThat(none).extracting(Goal::met).containsOnly(false);
        assertThat(none).extracting(Goal::value).containsOnly("n/a");
    }
}
