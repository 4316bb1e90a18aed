package io.parcelwatch.tracking;

import static io.parcelwatch.tracking.Scans.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParcelTrackerTest {
    static final byte[] KEY = "test-hmac-key-0123456789".getBytes(StandardCharsets.UTF_8);
    /** Every change written at once, so each test sees each change; StatusWritesTest covers the flush interval. */
    static final TrackingRules RULES = TrackingRules.defaults(KEY).writingEveryChange();

    KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> harness;
    final Scans p1 = new Scans("P1");

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ParcelTracker(RULES), ValidScan::parcelId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void send(ScanEvent... events) throws Exception {
        for (ScanEvent e : events) {
            harness.processElement(new ValidScan(e.getParcelId(), AvroCodec.scanEvents().encode(e)), e.getEventTime().toEpochMilli());
        }
    }

    void watermark(double hours) throws Exception {
        harness.processWatermark(at(hours).toEpochMilli());
    }

    ParcelState latest(String parcelId) throws Exception {
        List<ParcelChange> changes = harness.extractOutputValues();
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).parcelId().equals(parcelId)) {
                return AvroCodec.of(ParcelState.class).decode(changes.get(i).state());
            }
        }
        throw new AssertionError("no output for " + parcelId);
    }

    List<Alert> alerts() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        var side = harness.getSideOutput(ParcelTracker.ALERTS);
        if (side != null) {
            for (StreamRecord<io.parcelwatch.alerts.AlertMessage> record : side) {
                alerts.add(AvroCodec.alerts().decode(record.getValue().avro()));
            }
        }
        return alerts;
    }

    static List<String> history(ParcelState state) {
        return state.getScans().stream().map(Scan::getType).toList();
    }

    @Test
    void lateScansAreMergedByEventTimeAndTheStageFollowsEventTimeNotArrival() throws Exception {
        ScanEvent created = p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, true);
        ScanEvent picked = p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1");
        ScanEvent arrived = p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH");
        ScanEvent departed = p1.scan(ScanType.HUB_DEPARTED, 5, "HUB-SH");
        send(created, arrived, departed, picked); // pickup uploaded late

        ParcelState state = latest("P1");
        assertThat(history(state)).containsExactly("CREATED", "PICKED_UP", "HUB_ARRIVED", "HUB_DEPARTED");
        assertThat(new ParcelTimeline(state).stage()).isEqualTo(Stage.IN_TRANSIT);
        assertThat(state.getSeq()).isEqualTo(4);
    }

    @Test
    void duplicatesAreIgnoredAndCorrectionsReplaceTheEarlierVersion() throws Exception {
        ScanEvent picked = p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1");
        ScanEvent arrived = p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH");
        send(picked, arrived, arrived, picked);
        assertThat(harness.extractOutputValues()).hasSize(2);

        send(Scans.corrected(picked, 4)); // the pickup time was wrong: it happened after the hub arrival
        ParcelState state = latest("P1");
        assertThat(history(state)).containsExactly("HUB_ARRIVED", "PICKED_UP");
        assertThat(state.getScans().get(1).getTime()).isEqualTo(at(4).toEpochMilli());
        assertThat(state.getScans().get(1).getRevision()).isEqualTo(1);
        send(picked); // the stale original again: older revision, ignored
        assertThat(latest("P1").getScans()).hasSize(2);
        assertThat(harness.extractOutputValues()).hasSize(3);
    }

    @Test
    void aDeliveredParcelStaysDeliveredEvenIfASkewedClockReportsALaterHubScan() throws Exception {
        send(p1.delivered(10, DeliveryMethod.DOOR, false), p1.scan(ScanType.HUB_ARRIVED, 11, "HUB-BJ"));
        assertThat(new ParcelTimeline(latest("P1")).stage()).isEqualTo(Stage.DELIVERED);
    }

    @Test
    void staleTrackingIsRaisedAfterTheStageLimitAndResolvedByTheNextScan() throws Exception {
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"));
        watermark(1 + 17.9); // the AT_HUB limit is 18 h for regular parcels
        assertThat(alerts()).isEmpty();
        watermark(1 + 18.1);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.STALE_TRACKING);
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.getAlertId()).isEqualTo("STALE_TRACKING:P1:1");
            assertThat(a.getEventTime()).isEqualTo(at(19));
            assertThat(a.getFacilityId()).isEqualTo("HUB-SH");
            assertThat(a.getEvidence()).containsEntry("stage", "AT_HUB").containsEntry("limitMinutes", "1080");
        });

        send(p1.scan(ScanType.HUB_DEPARTED, 20, "HUB-SH"));
        assertThat(alerts()).hasSize(2).last().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo("STALE_TRACKING:P1:1");
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.getEventTime()).isEqualTo(at(20));
        });
        assertThat(latest("P1").getOpenAlerts()).isEmpty();
    }

    @Test
    void aSilenceClosedBeforeTheWatermarkCaughtUpIsStillRaisedThenResolved() throws Exception {
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"),
                p1.scan(ScanType.HUB_DEPARTED, 40, "HUB-SH")); // read far ahead of a watermark that never moved
        assertThat(alerts()).extracting(Alert::getKind, Alert::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertKind.STALE_TRACKING, AlertStatus.RAISED),
                org.assertj.core.groups.Tuple.tuple(AlertKind.STALE_TRACKING, AlertStatus.RESOLVED));
        assertThat(alerts().get(0).getEventTime()).isEqualTo(at(19));
        assertThat(alerts().get(1).getEventTime()).isEqualTo(at(40));
        send(p1.scan(ScanType.HUB_ARRIVED, 45, "HUB-BJ")); // a normal step: nothing more
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void freshParcelsHaveStricterLimits() throws Exception {
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.FRESH, false), p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"));
        watermark(1 + 9.1); // half of the regular 18 h
        assertThat(alerts()).extracting(Alert::getKind).containsExactly(AlertKind.STALE_TRACKING);
    }

    @Test
    void aLongSilenceIsLostAndTheParcelIsClearedAfterRetentionWithNoTimerLeft() throws Exception {
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"));
        watermark(1 + 72.1); // 4 x the 18 h limit
        assertThat(alerts()).extracting(Alert::getKind, Alert::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.STALE_TRACKING, AlertStatus.RAISED),
                        org.assertj.core.groups.Tuple.tuple(AlertKind.LOST, AlertStatus.RAISED));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(1 + 72 + 48.1); // retention (2 days) after the parcel was presumed lost
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDeliveredParcelIsClearedAfterRetentionWithNoStateOrTimerLeft() throws Exception {
        Scans p2 = new Scans("P2");
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                p1.delivered(12, DeliveryMethod.DOOR, false),
                p2.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, false), p2.delivered(18, DeliveryMethod.DOOR, false));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).as("one timer per parcel at most").isEqualTo(2);

        watermark(12 + 48.1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        watermark(18 + 48.1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(alerts()).isEmpty();
    }

    @Test
    void anExplicitLossIsRaisedAtOnceAndResolvedIfTheParcelTurnsUp() throws Exception {
        send(p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"), p1.exception(2, ExceptionCode.LOST, "HUB-SH"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.LOST);
            assertThat(a.getEventTime()).isEqualTo(at(2));
        });
        send(p1.scan(ScanType.HUB_DEPARTED, 5, "HUB-SH"));
        assertThat(alerts()).last().extracting(Alert::getStatus).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void damageIsRaisedAsAPriorityClaim() throws Exception {
        send(p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"), p1.exception(2, ExceptionCode.DAMAGED, "HUB-SH"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.DAMAGED);
            assertThat(a.getEvidence()).containsEntry("priorityClaim", "true");
        });
    }

    @Test
    void lockerDeliveryWithoutConsentIsRaisedEvenWhenThePromiseArrivesAfterTheDelivery() throws Exception {
        Scans p2 = new Scans("P2");
        Scans p3 = new Scans("P3");
        send(p1.delivered(30, DeliveryMethod.LOCKER, false));
        assertThat(alerts()).isEmpty(); // door delivery not known to be requested yet
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, true));
        send(p2.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, true), p2.delivered(18, DeliveryMethod.STATION, true));
        send(p3.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), p3.delivered(18, DeliveryMethod.LOCKER, false));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.LOCKER_WITHOUT_CONSENT);
            assertThat(a.getParcelId()).isEqualTo("P1");
            assertThat(a.getEventTime()).isEqualTo(at(30));
        });
    }

    @Test
    void coldChainExcursionsLongerThanTheToleranceAreRaisedAndResolved() throws Exception {
        Scans p2 = new Scans("P2");
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.MEDICINE, false), p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"),
                p1.temperature(2, 5), p1.temperature(2.5, 11), p1.temperature(2.75, 12));
        send(p2.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.FRESH, false), p2.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"),
                p2.temperature(2.5, 11), p2.temperature(2.6, 4)); // a door opening: back in range within the tolerance
        watermark(2.5 + 0.49);
        assertThat(alerts()).isEmpty();
        watermark(2.5 + 0.52);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.COLD_CHAIN_EXCURSION);
            assertThat(a.getParcelId()).isEqualTo("P1");
            assertThat(a.getEvidence()).containsEntry("outOfRangeSince", at(2.5).toString());
        });
        send(p1.temperature(3.2, 6));
        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.getEventTime()).isEqualTo(at(3.2));
        });
    }

    @Test
    void inRangeReadingsAreKeptInStateAndShownWithTheNextChangeWithoutADocumentWriteOfTheirOwn() throws Exception {
        send(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.FRESH, false), p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"));
        int writes = harness.extractOutputValues().size();
        send(p1.temperature(1.5, 5), p1.temperature(2, 5.5), p1.temperature(1.8, 6)); // the last one is older than the latest
        assertThat(harness.extractOutputValues()).as("no document write for readings in range").hasSize(writes);
        send(p1.scan(ScanType.HUB_DEPARTED, 3, "HUB-SH"));
        assertThat(harness.extractOutputValues()).hasSize(writes + 1);
        assertThat(latest("P1").getLastTemperature()).isEqualTo(5.5);
        assertThat(latest("P1").getLastTemperatureAt()).isEqualTo(at(2).toEpochMilli());
        assertThat(alerts()).isEmpty();
    }

    @Test
    void anExcursionIsRaisedWhenReadingsKeepArrivingPastItsDeadlineWithTheWatermarkBehind() throws Exception {
        send(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.MEDICINE, false), p1.scan(ScanType.HUB_ARRIVED, 9, "HUB-SH"));
        for (int i = 0; i <= 5; i++) { // 13.8 °C every half hour from 09:30; the watermark trails by five minutes
            double at = 9.5 + i * 0.5;
            send(p1.temperature(at, 13.8));
            watermark(at - 5 / 60.0);
        }
        assertThat(alerts()).extracting(Alert::getKind).containsExactly(AlertKind.COLD_CHAIN_EXCURSION);
        assertThat(alerts().getFirst().getEventTime()).isEqualTo(at(10));
    }

    @Test
    void anExcursionProvenByTheReadingsIsAlertedEvenIfTheWatermarkNeverCaughtUpWithIt() throws Exception {
        send(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.FRESH, false), p1.scan(ScanType.HUB_ARRIVED, 9, "HUB-SH"),
                p1.temperature(9.5, 13.8), p1.temperature(10, 13.5), p1.temperature(11.5, 12.0), p1.temperature(12, 4.5));
        // no watermark at all: one partition of the source lags far behind
        assertThat(alerts()).extracting(Alert::getKind, Alert::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertKind.COLD_CHAIN_EXCURSION, AlertStatus.RAISED),
                org.assertj.core.groups.Tuple.tuple(AlertKind.COLD_CHAIN_EXCURSION, AlertStatus.RESOLVED));
        assertThat(alerts().get(0).getEventTime()).isEqualTo(at(10));
        assertThat(alerts().get(1).getEventTime()).isEqualTo(at(12));
        assertThat(latest("P1").getOutOfRangeSince()).isNull();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the stale deadline of the parcel remains
    }

    @Test
    void personalDataIsKeptOnlyMaskedOrHashed() throws Exception {
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, true));
        ParcelChange change = harness.extractOutputValues().getFirst();
        String stateText = new String(change.state(), StandardCharsets.UTF_8);
        assertThat(stateText).doesNotContain(Scans.PHONE).doesNotContain(Scans.NAME).doesNotContain("建国路");
        ParcelState state = latest("P1");
        assertThat(state.getRecipientPhoneMasked()).isEqualTo("138****1234");
        assertThat(state.getRecipientNameMasked()).isEqualTo("张*");
        assertThat(state.getRecipientPhoneHash()).hasSize(64).isNotEqualTo(Scans.PHONE);
    }

    @Test
    void stateAndTimersSurviveASnapshotAndRestore() throws Exception {
        ScanEvent arrived = p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH");
        send(p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), arrived);
        var snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new ParcelTracker(RULES)),
                ValidScan::parcelId, Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermark(19.1);
        assertThat(alerts()).extracting(Alert::getKind).containsExactly(AlertKind.STALE_TRACKING);
        send(arrived); // the same scan replayed after the restore: a duplicate
        assertThat(harness.extractOutputValues()).hasSize(1); // only the alert's state change
    }

    @Test
    void timersAreSharedAcrossParcelsThroughBuckets() throws Exception {
        for (int i = 0; i < 50; i++) {
            Scans p = new Scans("B" + i);
            send(p.scan(ScanType.HUB_ARRIVED, 1 + i / 3600.0, "HUB-SH")); // 50 parcels within a minute
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(50); // one per parcel, never one per event
        watermark(1 + 18.1);
        assertThat(alerts()).hasSize(50);
        // Deadlines spread over 50 s fired on at most two bucket boundaries (alerts carry their timer's timestamp).
        assertThat(harness.getSideOutput(ParcelTracker.ALERTS).stream().map(StreamRecord::getTimestamp).distinct())
                .hasSizeLessThanOrEqualTo(2)
                .allSatisfy(ts -> assertThat(ts % RULES.timerBucket().toMillis()).isZero());
    }
}
