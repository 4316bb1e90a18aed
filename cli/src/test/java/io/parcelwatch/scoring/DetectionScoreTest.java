package io.parcelwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {
    static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    static GroundTruth.Label label(String kind, String parcel, String facility, int fromH, Integer untilH) {
        return new GroundTruth.Label(kind, parcel, facility, null, T.plusSeconds(3600L * fromH),
                untilH == null ? null : T.plusSeconds(3600L * untilH));
    }

    static Alert alert(AlertKind kind, String parcel, String facility, int atH, AlertStatus status) {
        return Alert.newBuilder().setAlertId(kind + ":" + parcel + ":" + atH).setKind(kind).setStatus(status)
                .setParcelId(parcel).setFacilityId(facility).setEventTime(T.plusSeconds(3600L * atH)).setEmittedAt(T)
                .setSummary("s").build();
    }

    @Test
    void countsTruePositivesFalseAlarmsAndMissesPerKind() {
        List<GroundTruth.Label> labels = List.of(
                label("DAMAGED", "P1", null, 1, null), label("DAMAGED", "P2", null, 2, null), label("DAMAGED", "P3", null, 3, null),
                label("LOST", "P4", null, 10, null));
        List<Alert> alerts = List.of(
                alert(AlertKind.DAMAGED, "P1", null, 1, AlertStatus.RAISED),
                alert(AlertKind.DAMAGED, "P1", null, 5, AlertStatus.RAISED), // a second episode: the same detection
                alert(AlertKind.DAMAGED, "P2", null, 3, AlertStatus.RAISED),
                alert(AlertKind.DAMAGED, "P9", null, 3, AlertStatus.RAISED), // false alarm
                alert(AlertKind.DAMAGED, "P2", null, 4, AlertStatus.RESOLVED), // resolutions are not detections
                alert(AlertKind.LOST, "P4", null, 58, AlertStatus.RAISED),
                alert(AlertKind.STALE_TRACKING, "P4", null, 22, AlertStatus.RAISED), // a lost parcel is stale too
                alert(AlertKind.PREDICTED_DELAY, "P4", null, 20, AlertStatus.RAISED), // and misses its promise
                alert(AlertKind.PREDICTED_DELAY, "P1", null, 2, AlertStatus.RAISED)); // delivered, not late: false alarm

        Map<String, DetectionScore.KindScore> scores = DetectionScore.score(labels, alerts, Duration.ofHours(1));

        DetectionScore.KindScore damaged = scores.get("DAMAGED");
        assertThat(damaged.labels()).isEqualTo(3);
        assertThat(damaged.alerts()).isEqualTo(3);
        assertThat(damaged.truePositives()).isEqualTo(2);
        assertThat(damaged.precision()).isEqualTo(2.0 / 3);
        assertThat(damaged.recall()).isEqualTo(2.0 / 3);
        assertThat(damaged.medianLag()).isEqualTo(Duration.ZERO);
        assertThat(damaged.p90Lag()).isEqualTo(Duration.ofHours(1));

        assertThat(scores.get("LOST").recall()).isEqualTo(1.0);
        assertThat(scores.get("LOST").medianLag()).isEqualTo(Duration.ofHours(48));
        DetectionScore.KindScore stale = scores.get("STALE_TRACKING");
        assertThat(stale.precision()).isEqualTo(1.0);
        assertThat(stale.labels()).isZero();
        assertThat(stale.recall()).isNaN();
        DetectionScore.KindScore delay = scores.get("PREDICTED_DELAY");
        assertThat(delay.alerts()).isEqualTo(2);
        assertThat(delay.truePositives()).isEqualTo(1);
        assertThat(delay.labels()).isZero();
    }

    @Test
    void hubLossMatchesOnTheHubWithinTheWindow() {
        List<GroundTruth.Label> labels = List.of(label("HUB_LOSS", null, "HUB-A", 10, 16));
        List<Alert> alerts = List.of(
                alert(AlertKind.HUB_LOSS, null, "HUB-A", 14, AlertStatus.RAISED),
                alert(AlertKind.HUB_LOSS, null, "HUB-A", 40, AlertStatus.RAISED), // long after the window
                alert(AlertKind.HUB_LOSS, null, "HUB-B", 14, AlertStatus.RAISED));
        DetectionScore.KindScore hub = DetectionScore.score(labels, alerts, Duration.ofHours(2)).get("HUB_LOSS");
        assertThat(hub.truePositives()).isEqualTo(1);
        assertThat(hub.precision()).isEqualTo(1.0 / 3);
        assertThat(hub.recall()).isEqualTo(1.0);
        assertThat(DetectionScore.table(Map.of("HUB_LOSS", hub))).contains("HUB_LOSS").contains("0.333").contains("1.000");
    }

    @Test
    void undetectableLabelsAreNotMissedButTheirAlertsAreCorrect() {
        GroundTruth.Label lateLoss = new GroundTruth.Label("LOST", "P2", null, null, T.plusSeconds(3600L * 90), null, false);
        List<GroundTruth.Label> labels = List.of(label("LOST", "P1", null, 1, null), lateLoss,
                new GroundTruth.Label("LOST", "P3", null, null, T.plusSeconds(3600L * 95), null, false));
        List<Alert> alerts = List.of(
                alert(AlertKind.LOST, "P1", null, 60, AlertStatus.RAISED),
                alert(AlertKind.LOST, "P2", null, 99, AlertStatus.RAISED)); // found anyway (e.g. an explicit lost scan)

        DetectionScore.KindScore lost = DetectionScore.score(labels, alerts, Duration.ofHours(1)).get("LOST");

        assertThat(lost.labels()).isEqualTo(1);
        assertThat(lost.undetectable()).isEqualTo(2);
        assertThat(lost.truePositives()).isEqualTo(2);
        assertThat(lost.precision()).isEqualTo(1.0);
        assertThat(lost.recall()).isEqualTo(1.0);
        assertThat(lost.medianLag()).isEqualTo(Duration.ofHours(59)); // only detectable labels have a lag
        assertThat(DetectionScore.table(Map.of("LOST", lost))).contains("undetectable");
    }

    @Test
    void predictedDelayLeadTimeIsPromiseMinusAlertTime() {
        List<GroundTruth.Label> labels = List.of(label("PREDICTED_DELAY", "P1", null, 5, null), label("PREDICTED_DELAY", "P2", null, 5, null),
                label("PREDICTED_DELAY", "P3", null, 5, null), label("PREDICTED_DELAY", "P4", null, 5, null));
        List<Alert> alerts = List.of(
                alert(AlertKind.PREDICTED_DELAY, "P1", null, 10, AlertStatus.RAISED), // promise 30: 20 h ahead
                alert(AlertKind.PREDICTED_DELAY, "P2", null, 6, AlertStatus.RAISED),  // promise 10: 4 h ahead
                alert(AlertKind.PREDICTED_DELAY, "P3", null, 40, AlertStatus.RAISED), // promise 30: 10 h too late
                alert(AlertKind.PREDICTED_DELAY, "P4", null, 7, AlertStatus.RAISED),  // promise unknown: no lead
                alert(AlertKind.PREDICTED_DELAY, "P9", null, 1, AlertStatus.RAISED)); // false alarm: no lead
        Map<String, Instant> promises = Map.of("P1", T.plusSeconds(3600L * 30), "P2", T.plusSeconds(3600L * 10),
                "P3", T.plusSeconds(3600L * 30), "P9", T.plusSeconds(3600L * 90));

        Map<String, DetectionScore.KindScore> scores = DetectionScore.score(labels, alerts, Duration.ofHours(1), promises);

        DetectionScore.KindScore delay = scores.get("PREDICTED_DELAY");
        assertThat(delay.truePositives()).isEqualTo(4);
        assertThat(delay.medianLead()).isEqualTo(Duration.ofHours(4)); // of -10, +4, +20 h
        assertThat(DetectionScore.table(scores, true)).contains("median lead").containsPattern("PREDICTED_DELAY .* \\+35\\.0h +\\+4\\.0h\\R");
        assertThat(DetectionScore.score(labels, alerts, Duration.ofHours(1)).get("PREDICTED_DELAY").medianLead()).isNull();
        assertThat(DetectionScore.table(scores)).doesNotContain("median lead");
    }
}
