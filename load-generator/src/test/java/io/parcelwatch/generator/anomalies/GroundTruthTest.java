package io.parcelwatch.generator.anomalies;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.StreamView;
import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.output.Iso8601;
import io.parcelwatch.generator.parcels.ColdChain;
import io.parcelwatch.generator.parcels.Stage;
import io.parcelwatch.generator.parcels.StageLimits;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every anomaly in the stream has its label and every label has its anomaly. The anomalies are found
 * in the stream the way a correct consumer sees it (duplicates dropped, corrections applied, in event
 * time), independently of how the generator made them.
 */
class GroundTruthTest {
    static TestRun run;
    static StreamView view;

    @BeforeAll
    static void generate() {
        AnomalyConfig boosted = new AnomalyConfig(0.03, 0.02, 0.02, 0.15, 0.30, 4, 0.4, 4, 0.01, 0.3);
        run = TestRun.of(TestRun.settings(Scenario.DEFAULT, 4000, Long.getLong("groundTruthSeed", 11)).withAnomalies(boosted).withParcelsPerHour(100).withDrain(21 * DAY));
        view = StreamView.of(run.sink);
        assertThat(run.stats.parcelsByStatus()).doesNotContainKey(io.parcelwatch.generator.parcels.FinalStatus.IN_FLIGHT);
    }

    private static List<Label> labels(AlertKind kind) {
        return run.labels.stream().filter(l -> l.kind() == kind).toList();
    }

    private static Set<String> keys(List<Label> labels) {
        Set<String> keys = new TreeSet<>();
        for (Label l : labels) {
            keys.add(l.parcelId() + "@" + l.from() + (l.until() == null ? "" : ".." + l.until()));
        }
        return keys;
    }

    @Test
    void everyKindIsInjected() {
        for (AlertKind kind : AlertKind.values()) {
            if (kind != AlertKind.UNKNOWN) {
                assertThat(labels(kind)).as(kind.name()).isNotEmpty();
            }
        }
    }

    @Test
    void staleTrackingGapsAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        for (String parcel : view.scansByParcel.keySet()) {
            List<ScanEvent> progress = view.progress(parcel);
            boolean cold = view.coldChain(parcel);
            for (int i = 1; i < progress.size(); i++) {
                ScanEvent a = progress.get(i - 1);
                ScanEvent b = progress.get(i);
                long gap = b.getEventTime().toEpochMilli() - a.getEventTime().toEpochMilli();
                Stage stage = Stage.after(a.getType());
                if (gap > StageLimits.normalMax(stage, cold)) {
                    // longer than the normal process ever takes: must be an injected gap, and a clear one
                    assertThat(gap).as("gap of %s after %s", parcel, a.getType()).isGreaterThanOrEqualTo(StageLimits.minStaleGap(stage, cold));
                    found.add(parcel + "@" + a.getEventTime().toEpochMilli() + ".." + b.getEventTime().toEpochMilli());
                }
            }
        }
        assertThat(found).isEqualTo(keys(labels(AlertKind.STALE_TRACKING)));
    }

    @Test
    void lostParcelsAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        for (String parcel : view.scansByParcel.keySet()) {
            List<ScanEvent> all = view.scansByParcel.get(parcel);
            boolean ended = all.stream().anyMatch(e -> e.getType() == ScanType.DELIVERED || e.getType() == ScanType.RETURNED);
            if (!ended) {
                found.add(parcel + "@" + all.get(all.size() - 1).getEventTime().toEpochMilli());
            }
        }
        assertThat(found).isEqualTo(keys(labels(AlertKind.LOST)));
    }

    @Test
    void hubLossLabelsCountTheParcelsTheHubSwallowed() {
        List<Label> hubLosses = labels(AlertKind.HUB_LOSS);
        List<Label> lostAtHubs = labels(AlertKind.LOST).stream().filter(l -> l.details().get("cause").toString().startsWith("hubLoss:")).toList();
        assertThat(lostAtHubs).isNotEmpty();
        int counted = 0;
        for (Label loss : hubLosses) {
            assertThat(loss.parcelId()).isNull();
            List<Label> inside = lostAtHubs.stream().filter(l -> l.facilityId().equals(loss.facilityId()) && l.from() >= loss.from()
                    && l.from() < loss.until()).toList();
            assertThat(inside).as("parcels lost at %s", loss.facilityId()).hasSize(((Number) loss.details().get("parcelsLost")).intValue());
            counted += inside.size();
            for (Label l : inside) {
                List<ScanEvent> scans = view.scansByParcel.get(l.parcelId());
                assertThat(scans.get(scans.size() - 1).getType()).isEqualTo(ScanType.HUB_ARRIVED);
            }
        }
        assertThat(counted).as("every parcel lost to a hub belongs to a hub-loss window").isEqualTo(lostAtHubs.size());
    }

    @Test
    void damageScansAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        view.scansByParcel.forEach((parcel, scans) -> scans.stream()
                .filter(e -> e.getType() == ScanType.EXCEPTION && ((ParcelException) e.getDetails()).getCode() == ExceptionCode.DAMAGED)
                .forEach(e -> found.add(parcel + "@" + e.getEventTime().toEpochMilli())));
        assertThat(found).isEqualTo(keys(labels(AlertKind.DAMAGED)));
    }

    @Test
    void lockerDeliveriesWithoutConsentAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        view.scansByParcel.forEach((parcel, scans) -> {
            Created created = view.createdByParcel.get(parcel);
            for (ScanEvent e : scans) {
                if (e.getType() == ScanType.DELIVERED) {
                    Delivery d = (Delivery) e.getDetails();
                    if (created.getDoorDeliveryRequested() && d.getMethod() != DeliveryMethod.DOOR && !d.getRecipientConsented()) {
                        found.add(parcel + "@" + e.getEventTime().toEpochMilli());
                    }
                }
            }
        });
        assertThat(found).isEqualTo(keys(labels(AlertKind.LOCKER_WITHOUT_CONSENT)));
    }

    @Test
    void temperatureExcursionsAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        int coldParcels = 0;
        for (String parcel : view.scansByParcel.keySet()) {
            if (!view.coldChain(parcel)) {
                assertThat(view.scansByParcel.get(parcel)).allMatch(e -> e.getTemperatureCelsius() == null);
                continue;
            }
            coldParcels++;
            var category = view.createdByParcel.get(parcel).getCategory();
            List<ScanEvent> readings = view.scansByParcel.get(parcel).stream().filter(e -> e.getTemperatureCelsius() != null).toList();
            Long outSince = null;
            for (ScanEvent r : readings) {
                long t = r.getEventTime().toEpochMilli();
                boolean in = ColdChain.inRange(category, r.getTemperatureCelsius());
                if (!in && outSince == null) {
                    outSince = t;
                } else if (in && outSince != null) {
                    if (t - outSince > ColdChain.EXCURSION_TOLERANCE) {
                        found.add(parcel + "@" + outSince + ".." + t);
                    }
                    outSince = null;
                }
            }
            assertThat(outSince).as("every excursion of %s ends within the stream", parcel).isNull();
        }
        assertThat(coldParcels).isGreaterThan(100);
        assertThat(found).isEqualTo(keys(labels(AlertKind.COLD_CHAIN_EXCURSION)));
    }

    @Test
    void lateDeliveriesAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        Map<String, Label> byParcel = new HashMap<>();
        for (Label l : labels(AlertKind.PREDICTED_DELAY)) {
            byParcel.put(l.parcelId(), l);
        }
        view.scansByParcel.forEach((parcel, scans) -> {
            long promised = view.createdByParcel.get(parcel).getPromisedDeliveryTime().toEpochMilli();
            for (ScanEvent e : scans) {
                if (e.getType() == ScanType.DELIVERED && e.getEventTime().toEpochMilli() > promised) {
                    found.add(parcel);
                    Label label = byParcel.get(parcel);
                    if (label != null) {
                        assertThat(label.details().get("actual")).isEqualTo(Iso8601.format(e.getEventTime().toEpochMilli()));
                        assertThat(label.details().get("promised")).isEqualTo(Iso8601.format(promised));
                        assertThat(label.from()).isLessThanOrEqualTo(e.getEventTime().toEpochMilli());
                    }
                }
            }
        });
        assertThat(found).isEqualTo(new TreeSet<>(byParcel.keySet()));
        assertThat(byParcel.values()).anyMatch(l -> l.details().get("cause").toString().startsWith("laneDisruption:"));
        assertThat(byParcel.values().stream().filter(l -> l.details().get("cause").toString().startsWith("laneDisruption:")))
                .allMatch(l -> l.from() < Iso8601.parse(l.details().get("promised").toString()));
    }

    @Test
    void complaintsAnsweredLateOrNeverAreExactlyTheLabelledOnes() {
        Set<String> found = new TreeSet<>();
        Map<String, List<ComplaintEvent>> byComplaint = new HashMap<>();
        view.complaintsByParcel.values().forEach(list -> list.forEach(c -> byComplaint.computeIfAbsent(c.getComplaintId(), k -> new ArrayList<>()).add(c)));
        byComplaint.forEach((id, events) -> {
            ComplaintEvent opened = events.stream().filter(c -> c.getType() == ComplaintEventType.OPENED).findFirst().orElseThrow();
            long deadline = opened.getResponseDeadline().toEpochMilli();
            var responded = events.stream().filter(c -> c.getType() == ComplaintEventType.RESPONDED).findFirst();
            if (responded.isEmpty() || responded.get().getEventTime().toEpochMilli() > deadline) {
                found.add(opened.getParcelId() + "@" + deadline);
            }
        });
        Set<String> labelled = new TreeSet<>();
        for (Label l : labels(AlertKind.COMPLAINT_DEADLINE)) {
            labelled.add(l.parcelId() + "@" + l.from());
        }
        assertThat(found).isEqualTo(labelled);
    }

    @Test
    void labelsFollowTheDocumentedShape() {
        Set<AlertKind> withParcel = new HashSet<>(List.of(AlertKind.values()));
        withParcel.remove(AlertKind.HUB_LOSS);
        for (Label l : run.labels) {
            if (withParcel.contains(l.kind())) {
                assertThat(l.parcelId()).as(l.toString()).isNotNull();
            }
            if (l.until() != null) {
                assertThat(l.until()).as(l.toString()).isGreaterThanOrEqualTo(l.from());
            }
        }
    }

    @Test
    void silencesAreDetectableOnlyIfTheStreamGoesOnLongEnoughAfterThem() {
        long newest = run.sink.scans().stream().mapToLong(e -> e.getEventTime().toEpochMilli()).max().orElseThrow();
        int undetectable = 0;
        for (Label label : run.labels) {
            switch (label.kind()) {
                case LOST -> {
                    ScanEvent last = view.progress(label.parcelId()).getLast();
                    Stage stage = Stage.after(last.getType());
                    assertThat(label.detectableFrom()).as(label.toString())
                            .isEqualTo(label.from() + StageLimits.lostAfter(stage, view.coldChain(label.parcelId())));
                }
                case STALE_TRACKING, HUB_LOSS -> assertThat(label.detectableFrom()).as(label.toString()).isGreaterThan(label.from());
                default -> assertThat(label.detectableFrom()).as(label.toString()).isNull();
            }
            boolean evident = label.kind() != AlertKind.HUB_LOSS
                    || ((Number) label.details().get("parcelsLost")).intValue() >= io.parcelwatch.generator.sim.Simulation.HUB_LOSS_EVIDENT_PARCELS;
            boolean inTime = label.detectableFrom() == null || label.detectableFrom() + DetectabilityGate.MARGIN <= newest;
            assertThat(label.detectable()).as(label.toString()).isEqualTo(evident && inTime);
            undetectable += label.detectable() ? 0 : 1;
        }
        assertThat(undetectable).as("some labels near the end of a bounded stream cannot be detected").isPositive();
        assertThat(run.stats.undetectableByKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(undetectable);
    }
}
