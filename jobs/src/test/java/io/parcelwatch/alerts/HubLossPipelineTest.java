package io.parcelwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.alerts.HubMovement.Kind;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two stages as the job chains them: {@link HubLossParcelLink} keyed by parcel, then {@link HubLossDetector} keyed by hub. */
class HubLossPipelineTest {
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    KeyedOneInputStreamOperatorTestHarness<String, HubMovement, HubMovement> link;
    KeyedOneInputStreamOperatorTestHarness<String, HubMovement, AlertMessage> detector;
    final List<HubMovement> movements = new ArrayList<>();

    static long at(double hours) {
        return T0 + Math.round(hours * HOUR);
    }

    static <O> KeyedOneInputStreamOperatorTestHarness<String, HubMovement, O> harness(
            KeyedProcessFunction<String, HubMovement, O> function, boolean byParcel, boolean rocksDb) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<String, HubMovement, O>(new KeyedProcessOperator<>(function),
                byParcel ? HubMovement::parcelId : HubMovement::hubId, Types.STRING);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        harness.open();
        return harness;
    }

    void open(boolean withLink, boolean rocksDb) throws Exception {
        HubLossRules rules = HubLossRules.defaults();
        link = withLink ? harness(new HubLossParcelLink(rules), true, rocksDb) : null;
        detector = harness(new HubLossDetector(rules), false, rocksDb);
    }

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        detector.close();
    }

    void add(String facility, String parcelId, Kind kind, long time) {
        movements.add(new HubMovement(facility, "CN-SH", parcelId, kind, time, 0));
    }

    /** Parcels through HUB-A then HUB-B to an outlet, one every 4 minutes for 24 h. */
    void route(java.util.function.IntPredicate departureScanMissing, java.util.function.IntPredicate lostAtA) {
        int i = 0;
        for (long t = at(0); t < at(24); t += 4 * MINUTE, i++) {
            String p = "P" + i;
            add("HUB-A", p, Kind.ARRIVED, t);
            if (lostAtA.test(i)) {
                continue;
            }
            if (!departureScanMissing.test(i)) {
                add("HUB-A", p, Kind.DEPARTED, t + 2 * HOUR);
            }
            add("HUB-B", p, Kind.ARRIVED, t + 5 * HOUR);
            add("HUB-B", p, Kind.DEPARTED, t + 7 * HOUR);
            add("OUT-B7", p, Kind.SEEN, t + 8 * HOUR);
        }
    }

    void run(double untilHours) throws Exception {
        movements.sort(Comparator.comparingLong(HubMovement::eventTime));
        long watermark = Long.MIN_VALUE;
        for (HubMovement m : movements) {
            if (m.eventTime() - 5 * MINUTE >= watermark + MINUTE) {
                watermark(m.eventTime() - 5 * MINUTE);
                watermark = m.eventTime() - 5 * MINUTE;
            }
            if (link != null) {
                link.processElement(m, m.eventTime());
                forward();
            } else if (m.kind() != Kind.SEEN) {
                detector.processElement(m, m.eventTime());
            }
        }
        for (double h = 24; h <= untilHours; h += 0.5) {
            watermark(at(h));
        }
    }

    void watermark(long time) throws Exception {
        if (link != null) {
            link.processWatermark(time);
            forward();
        }
        detector.processWatermark(time);
    }

    void forward() throws Exception {
        for (HubMovement m : link.extractOutputValues()) {
            detector.processElement(m, m.eventTime());
        }
        link.getOutput().clear();
    }

    List<Alert> alerts() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (AlertMessage m : detector.extractOutputValues()) {
            alerts.add(AvroCodec.alerts().decode(m.avro()));
        }
        return alerts;
    }

    void assertCleanedUp() throws Exception {
        if (link != null) {
            assertThat(keysWithState(link, "stay")).isZero();
            assertThat(link.numEventTimeTimers()).isZero();
        }
        assertThat(keysWithState(detector, "hub", "visits", "buckets")).isZero();
        assertThat(detector.numEventTimeTimers()).isZero();
    }

    /** Keys that still hold any of these states (numKeyedStateEntries() works on the heap backend only). */
    static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> harness, String... states) throws Exception {
        var backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        long keys = 0;
        for (String state : states) {
            try (var stream = backend.getKeys(state, VoidNamespace.INSTANCE)) {
                keys += stream.count();
            }
        }
        return keys;
    }

    @Test
    void missingDepartureScansOfParcelsSeenLaterAtTheNextHubAreNoLoss() throws Exception {
        open(true, false);
        route(i -> i % 5 == 0, i -> false); // 20% of HUB-A's departure scans never sent
        run(70);
        assertThat(alerts()).isEmpty();
        assertCleanedUp();
    }

    @Test
    void withoutTheLinkTheSameMissingScansWouldLookLikeALoss() throws Exception {
        open(false, false);
        route(i -> i % 5 == 0, i -> false);
        run(70);
        assertThat(alerts()).extracting(Alert::getFacilityId).containsOnly("HUB-A");
        assertCleanedUp();
    }

    @Test
    void aRealLossIsFoundThroughTheLinkOnRocksDb() throws Exception {
        open(true, true);
        // HUB-A loses every third parcel arriving from 8 h to 12 h; 1% of its departure scans are missing anyway
        route(i -> i % 100 == 3, i -> i >= 120 && i < 180 && i % 3 == 0);
        run(24);
        assertThat(keysWithState(detector, "hub", "visits", "buckets")).as("state while traffic flows").isPositive();
        assertThat(keysWithState(link, "stay")).isPositive();
        for (double h = 24; h <= 70; h += 0.5) {
            watermark(at(h));
        }
        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.RAISED, AlertStatus.RESOLVED);
        assertThat(alerts).extracting(Alert::getFacilityId).containsOnly("HUB-A");
        assertThat(alerts.get(0).getEventTime().toEpochMilli()).isEqualTo(at(8));
        assertThat(alerts.get(1).getEventTime().toEpochMilli()).as("end of the bucket of the last loss, 11:48").isEqualTo(at(11 + 50 / 60.0));
        assertThat(alerts.get(1).getEvidence().get("episodeMissing")).isEqualTo("20");
        assertCleanedUp();
    }
}
