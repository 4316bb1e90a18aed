package io.parcelwatch.tracking;

import static io.parcelwatch.tracking.Scans.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.kpi.KpiFact;
import io.parcelwatch.kpi.KpiFactKind;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker's KPI facts: what a parcel contributes, and how a late scan takes a contribution back. */
class ParcelKpiFactsTest {
    KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> harness;
    final Scans p = new Scans("K1");

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ParcelTracker(ParcelTrackerTest.RULES), ValidScan::parcelId,
                Types.STRING);
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

    List<KpiFact> facts() {
        List<KpiFact> facts = new ArrayList<>();
        var side = harness.getSideOutput(ParcelTracker.KPI_FACTS);
        if (side != null) {
            for (StreamRecord<KpiFact> r : side) {
                facts.add(r.getValue());
            }
        }
        return facts;
    }

    /** Created at 0 h, promised at 36 h, door delivery requested; two hubs; put in a locker at 20 h. */
    List<ScanEvent> journey() {
        return List.of(p.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true), p.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                p.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH"), p.scan(ScanType.HUB_DEPARTED, 5, "HUB-SH"),
                p.scan(ScanType.HUB_ARRIVED, 12, "HUB-BJ"), p.scan(ScanType.HUB_DEPARTED, 14, "HUB-BJ"),
                p.scan(ScanType.OUTLET_ARRIVED, 16, "OUT-BJ-7"), p.scan(ScanType.OUT_FOR_DELIVERY, 18, "OUT-BJ-7"),
                p.delivered(20, DeliveryMethod.LOCKER, false));
    }

    @Test
    void aDeliveredParcelContributesItsPickupAndItsOutcome() throws Exception {
        List<ScanEvent> journey = journey();
        send(journey.toArray(ScanEvent[]::new));
        send(journey.get(8)); // a duplicate changes nothing

        List<KpiFact> facts = facts();
        assertThat(facts).extracting(KpiFact::kind).containsExactly(KpiFactKind.PICKED_UP, KpiFactKind.DELIVERED);
        KpiFact pickup = facts.get(0);
        assertThat(pickup.time()).isEqualTo(at(1).toEpochMilli());
        assertThat(pickup.region()).isEqualTo("SH");
        assertThat(pickup.outletId()).isEqualTo("OUT-SH-1");
        assertThat(pickup.serviceLevel()).isEqualTo("STANDARD");
        KpiFact delivered = facts.get(1);
        assertThat(delivered.sign()).isEqualTo(1);
        assertThat(delivered.time()).isEqualTo(at(20).toEpochMilli());
        assertThat(delivered.onTime()).isTrue();
        assertThat(delivered.firstAttempt()).isTrue();
        assertThat(delivered.damaged()).isFalse();
        assertThat(delivered.method()).isEqualTo("LOCKER");
        assertThat(delivered.lockerWithoutConsent()).isTrue();
        assertThat(delivered.hubs()).isEqualTo("HUB-SH@SH,HUB-BJ@BJ");
        assertThat(delivered.originRegion()).isEqualTo("SH");
        assertThat(delivered.region()).isEqualTo("BJ");
        assertThat(delivered.outletId()).isEqualTo("OUT-BJ-7");
        assertThat(delivered.scanGaps()).as("nine stage scans, eight gaps").isEqualTo(8);
        assertThat(delivered.scanGapsWithinLimit()).isEqualTo(8);
        assertThat(delivered.lateStage()).isNull();
    }

    @Test
    void aFailedAttemptUploadedAfterTheDeliveryRewritesTheOutcome() throws Exception {
        send(journey().toArray(ScanEvent[]::new));
        send(p.scan(ScanType.DELIVERY_FAILED, 19, "OUT-BJ-7"));

        List<KpiFact> facts = facts();
        assertThat(facts).extracting(KpiFact::kind, KpiFact::sign).containsExactly(
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.PICKED_UP, 1),
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.DELIVERED, 1),
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.DELIVERED, -1),
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.DELIVERED, 1));
        assertThat(facts.get(2)).as("the retraction takes back exactly what was added").isEqualTo(facts.get(1).retracted());
        KpiFact corrected = facts.get(3);
        assertThat(corrected.firstAttempt()).isFalse();
        assertThat(corrected.exceptions()).isEqualTo("FAILED_ATTEMPT");
        assertThat(corrected.scanGaps()).isEqualTo(9);
    }

    @Test
    void aLateDeliveryNamesTheStageThePromisePassedIn() throws Exception {
        send(p.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, false), p.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                p.scan(ScanType.HUB_ARRIVED, 30, "HUB-SH"), p.scan(ScanType.HUB_DEPARTED, 40, "HUB-SH"),
                p.delivered(50, DeliveryMethod.DOOR, false));
        assertThat(facts()).extracting(KpiFact::kind).as("the 29 h silence after pickup proves a stale episode")
                .containsExactly(KpiFactKind.PICKED_UP, KpiFactKind.STALE, KpiFactKind.DELIVERED);
        KpiFact delivered = facts().get(2);
        assertThat(delivered.onTime()).isFalse();
        assertThat(delivered.lateStage()).as("promise at 36 h, at the hub since 30 h").isEqualTo("AT_HUB");
        assertThat(delivered.scanGapsWithinLimit()).as("the 29 h wait after pickup passed its 14 h limit").isEqualTo(3);
        assertThat(delivered.scanGaps()).isEqualTo(4);
    }

    @Test
    void aParcelPresumedLostCountsAsLostUntilItIsScannedAgain() throws Exception {
        send(p.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, false), p.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                p.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH"));
        harness.processWatermark(at(3 + 18 * 4 + 1).toEpochMilli()); // stale after 18 h at a hub, lost after 4 x 18 h
        List<KpiFact> facts = facts();
        assertThat(facts).extracting(KpiFact::kind).containsExactly(KpiFactKind.PICKED_UP, KpiFactKind.STALE, KpiFactKind.LOST);
        assertThat(facts.get(1).facilityHub()).isEqualTo("HUB-SH");
        assertThat(facts.get(1).time()).isEqualTo(at(3 + 18).toEpochMilli());
        assertThat(facts.get(2).time()).isEqualTo(at(3 + 72).toEpochMilli());

        send(p.scan(ScanType.HUB_DEPARTED, 80, "HUB-SH"));
        assertThat(facts()).hasSize(4).last().isEqualTo(facts.get(2).retracted());
    }
}
