package io.parcelwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.alerts.HubMovement.Kind;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubLossParcelLinkTest {
    static final long HOUR = 3_600_000;
    static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    KeyedOneInputStreamOperatorTestHarness<String, HubMovement, HubMovement> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new HubLossParcelLink(HubLossRules.defaults()),
                HubMovement::parcelId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static HubMovement m(String facility, Kind kind, double hours) {
        return new HubMovement(facility, "CN-SH", "P1", kind, T0 + Math.round(hours * HOUR), 0);
    }

    void send(HubMovement... movements) throws Exception {
        for (HubMovement m : movements) {
            harness.processElement(m, m.eventTime());
        }
    }

    List<HubMovement> out() {
        return harness.extractOutputValues();
    }

    void assertCleanedUpAfter(double hours) throws Exception {
        harness.processWatermark(T0 + Math.round(hours * HOUR));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aParcelSeenAtTheNextHubLeftTheLastOneEvenWithoutADepartureScan() throws Exception {
        send(m("HUB-A", Kind.ARRIVED, 1), m("HUB-B", Kind.ARRIVED, 6), m("HUB-B", Kind.DEPARTED, 8), m("OUT-B1", Kind.SEEN, 10));
        assertThat(out()).containsExactly(m("HUB-A", Kind.ARRIVED, 1), m("HUB-B", Kind.ARRIVED, 6), m("HUB-A", Kind.DEPARTED, 6),
                m("HUB-B", Kind.DEPARTED, 8));
        assertCleanedUpAfter(60);
    }

    @Test
    void aParcelSeenAtAnOutletLeftItsLastHub() throws Exception {
        send(m("HUB-A", Kind.ARRIVED, 1), m("OUT-A7", Kind.SEEN, 4));
        assertThat(out()).containsExactly(m("HUB-A", Kind.ARRIVED, 1), m("HUB-A", Kind.DEPARTED, 4));
        assertCleanedUpAfter(60);
    }

    @Test
    void outOfOrderUploadsAreJudgedByEventTime() throws Exception {
        // the arrival at A is uploaded after the arrival at B; an older outlet scan comes late as well
        send(m("HUB-B", Kind.ARRIVED, 6), m("HUB-A", Kind.ARRIVED, 1), m("OUT-A7", Kind.SEEN, 0.5));
        assertThat(out()).containsExactly(m("HUB-B", Kind.ARRIVED, 6), m("HUB-A", Kind.ARRIVED, 1), m("HUB-A", Kind.DEPARTED, 6));
        assertCleanedUpAfter(60);
    }

    @Test
    void departuresAndScansAtTheHubInferNothing() throws Exception {
        send(m("HUB-A", Kind.ARRIVED, 1), m("HUB-A", Kind.ARRIVED, 1), m("HUB-A", Kind.PRESENT, 5), m("HUB-A", Kind.DEPARTED, 7),
                m("HUB-A", Kind.DEPARTED, 7), m("OUT-A7", Kind.SEEN, 9));
        assertThat(out()).extracting(HubMovement::kind)
                .containsExactly(Kind.ARRIVED, Kind.ARRIVED, Kind.PRESENT, Kind.DEPARTED, Kind.DEPARTED);
        assertCleanedUpAfter(60);
    }

    @Test
    void aParcelThatNeverShowsUpAgainIsForgotten() throws Exception {
        send(m("HUB-A", Kind.ARRIVED, 1), m("HUB-A", Kind.PRESENT, 20));
        harness.processWatermark(T0 + 40 * HOUR);
        assertThat(harness.numKeyedStateEntries()).as("held: still remembered 20 h after the last scan at the hub").isEqualTo(1);
        assertCleanedUpAfter(20 + 18 + 6 + 1);
        assertThat(out()).extracting(HubMovement::kind).containsExactly(Kind.ARRIVED, Kind.PRESENT);
    }
}
