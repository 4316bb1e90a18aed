package io.parcelwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.alerts.HubMovement.Kind;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubLossDetectorTest {
    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final String HUB = "HUB-SH-01";
    static final String REGION = "CN-SH";
    /** The job's bounded out-of-orderness: the watermark trails the latest event time uploaded by this much. */
    static final long OUT_OF_ORDERNESS = 5 * MINUTE;

    KeyedOneInputStreamOperatorTestHarness<String, HubMovement, AlertMessage> harness;
    final List<Upload> uploads = new ArrayList<>();

    /** A movement and the time it reaches the job (its event time, or later for late uploads). */
    record Upload(long at, HubMovement movement) {}

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new HubLossDetector(HubLossRules.defaults()),
                HubMovement::hubId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static long at(double hours) {
        return T0.toEpochMilli() + Math.round(hours * HOUR);
    }

    static String parcel(String hub, int i) {
        return "P-" + hub + "-" + i;
    }

    void upload(long uploadAt, String hub, String parcelId, Kind kind, long eventTime, int revision) {
        uploads.add(new Upload(uploadAt, new HubMovement(hub, REGION, parcelId, kind, eventTime, revision)));
    }

    void onTime(String hub, String parcelId, Kind kind, long eventTime) {
        upload(eventTime, hub, parcelId, kind, eventTime, 0);
    }

    /** Sends everything queued in upload order, with the watermark trailing the uploads as in the job. */
    void send() throws Exception {
        uploads.sort(Comparator.comparingLong(Upload::at));
        long watermark = Long.MIN_VALUE;
        long latest = Long.MIN_VALUE;
        for (Upload u : uploads) {
            latest = Math.max(latest, u.at());
            if (latest - OUT_OF_ORDERNESS >= watermark + MINUTE || watermark == Long.MIN_VALUE) {
                watermark = latest - OUT_OF_ORDERNESS;
                harness.processWatermark(watermark);
            }
            harness.processElement(u.movement(), u.movement().eventTime());
        }
        uploads.clear();
    }

    /** Advances event time in steps, as quiet traffic elsewhere in the network would. */
    void advance(double fromHours, double toHours) throws Exception {
        for (double h = fromHours; h <= toHours; h += 0.25) {
            harness.processWatermark(at(h));
        }
    }

    List<Alert> alerts() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (AlertMessage m : harness.extractOutputValues()) {
            Alert alert = AvroCodec.alerts().decode(m.avro());
            assertThat(m.alertId()).isEqualTo(alert.getAlertId());
            alerts.add(alert);
        }
        return alerts;
    }

    void assertCleanedUp() {
        assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
    }

    /**
     * Steady traffic: a parcel every {@code everyMinutes} from {@code fromHours} to {@code toHours}, each leaving
     * 1-3 h after it arrived, except those {@code lost} says.
     */
    void traffic(String hub, double fromHours, double toHours, double everyMinutes, java.util.function.IntPredicate lost) {
        int i = 0;
        for (long t = at(fromHours); t < at(toHours); t += Math.round(everyMinutes * MINUTE), i++) {
            String p = parcel(hub, i);
            onTime(hub, p, Kind.ARRIVED, t);
            if (!lost.test(i)) {
                onTime(hub, p, Kind.DEPARTED, t + HOUR + (i % 5) * 30 * MINUTE);
            }
        }
    }

    /** A parcel every 3 minutes for 30 h; from 10 h to 14 h three parcels in ten never leave. */
    void thirtyPercentLostFromTenToFourteen() {
        traffic(HUB, 0, 30, 3, i -> {
            long t = at(0) + i * 3 * MINUTE;
            return t >= at(10) && t < at(14) && i % 10 < 3;
        });
    }

    @Test
    void aHubThatLosesThirtyPercentForAWindowRaisesThenResolves() throws Exception {
        thirtyPercentLostFromTenToFourteen();
        send();
        advance(30, 60);

        List<Alert> alerts = alerts();
        assertThat(alerts).hasSize(2);
        Alert raised = alerts.get(0);
        Alert resolved = alerts.get(1);
        assertThat(raised.getStatus()).isEqualTo(AlertStatus.RAISED);
        assertThat(raised.getKind()).isEqualTo(AlertKind.HUB_LOSS);
        assertThat(raised.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.getParcelId()).isNull();
        assertThat(raised.getFacilityId()).isEqualTo(HUB);
        assertThat(raised.getRegionId()).isEqualTo(REGION);
        assertThat(raised.getEventTime().toEpochMilli()).as("the first loss").isEqualTo(at(10));
        assertThat(raised.getAlertId()).isEqualTo("HUB_LOSS:" + HUB + ":" + compact(raised.getEventTime()));
        assertThat(raised.getEvidence()).containsKeys("arrived", "departed", "inDwell", "missing", "missingShare",
                "windowFrom", "windowUntil");
        int arrived = Integer.parseInt(raised.getEvidence().get("arrived"));
        int missing = Integer.parseInt(raised.getEvidence().get("missing"));
        assertThat(arrived).isEqualTo(40); // two hours of arrivals
        assertThat(missing).isGreaterThanOrEqualTo(6);
        assertThat(Integer.parseInt(raised.getEvidence().get("departed"))).isEqualTo(arrived - missing);
        assertThat(raised.getEvidence().get("inDwell")).isEqualTo("0");
        assertThat(Instant.parse(raised.getEvidence().get("detectedAt")))
                .as("known for sure once the lost parcels are overdue")
                .isAfterOrEqualTo(Instant.parse(raised.getEvidence().get("windowUntil")).plusSeconds(18 * 3600));
        assertThat(Double.parseDouble(raised.getEvidence().get("missingShare"))).isGreaterThanOrEqualTo(0.15);

        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo(raised.getAlertId());
        assertThat(resolved.getEventTime().toEpochMilli()).as("the end of the last bucket with a loss (13:36)").isEqualTo(at(13 + 40 / 60.0));
        assertThat(resolved.getEvidence().get("raisedAt")).isEqualTo(raised.getEventTime().toString());
        assertThat(Integer.parseInt(resolved.getEvidence().get("episodeMissing"))).isBetween(20, 24);
        assertThat(Double.parseDouble(resolved.getEvidence().get("peakMissingShare"))).isEqualTo(0.3);
        // the resolved alert renders for Elasticsearch (it needs evidence.raisedAt)
        assertThat(new String(AlertDocument.render(resolved), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"resolvedAt\"", "\"raisedAt\":\"" + raised.getEventTime());

        assertCleanedUp();
    }

    @Test
    void stateFromAVersionWithoutTheDueIndexIsFiledAtTheNextTimerAndSettlesAsBefore() throws Exception {
        thirtyPercentLostFromTenToFourteen();
        send();
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(HUB);
        ValueState<HubLossState> hubState = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("hub", TypeInformation.of(HubLossState.class)));
        MapState<Long, Integer> dueCounts = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("due-counts", Types.LONG, Types.INT));
        MapState<Tuple2<Long, Integer>, String> dueParcels = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new MapStateDescriptor<>("due-parcels", Types.TUPLE(Types.LONG, Types.INT), Types.STRING));
        assertThat(dueCounts.isEmpty()).as("stays are filed by due time").isFalse();
        HubLossState state = hubState.value();
        state.dueIndexed = false; // as restored from the earlier version: the field did not exist, nor did the index
        hubState.update(state);
        dueCounts.clear();
        dueParcels.clear();

        advance(30, 60);

        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.RAISED, AlertStatus.RESOLVED);
        assertThat(alerts.get(0).getEventTime().toEpochMilli()).isEqualTo(at(10));
        assertThat(Integer.parseInt(alerts.get(1).getEvidence().get("episodeMissing"))).isBetween(20, 24);
        assertCleanedUp();
    }

    @Test
    void aQuietHubsLossSpreadOverHoursShowsInAStretchedWindow() throws Exception {
        // a parcel every 27 minutes; three of them, from 4.5 h to 7.65 h, never leave: never three in one 2 h window
        traffic(HUB, 0, 24, 27, i -> i == 10 || i == 13 || i == 17);
        send();
        advance(24, 60);

        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.RAISED, AlertStatus.RESOLVED);
        Alert raised = alerts.getFirst();
        assertThat(raised.getEventTime().toEpochMilli()).as("the bucket of the first lost parcel's arrival").isEqualTo(at(4.5));
        assertThat(raised.getEvidence().get("missing")).isEqualTo("3");
        assertThat(Integer.parseInt(raised.getEvidence().get("arrived"))).as("the window stretched until 20 arrivals, at most 6 h")
                .isBetween(3, 14);
        long stretched = Instant.parse(raised.getEvidence().get("windowUntil")).toEpochMilli()
                - Instant.parse(raised.getEvidence().get("windowFrom")).toEpochMilli();
        assertThat(stretched).isGreaterThan(2 * HOUR).isLessThanOrEqualTo(6 * HOUR);
        assertCleanedUp();
    }

    @Test
    void withoutStretchingAQuietHubsSpreadLossIsNotSeen() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new HubLossDetector(HubLossRules.defaults().withSparseWindow(20, java.time.Duration.ofHours(2))), HubMovement::hubId,
                Types.STRING);
        traffic(HUB, 0, 24, 27, i -> i == 10 || i == 13 || i == 17);
        send();
        advance(24, 60);
        assertThat(alerts()).isEmpty();
        assertCleanedUp();
    }

    @Test
    void missingDepartureScansAndSingleLostParcelsRaiseNothing() throws Exception {
        // a big hub with 2% missing departure scans (those parcels are fine: they show up elsewhere later)
        traffic(HUB, 0, 24, 1, i -> i % 50 == 7);
        // a quiet hub: one parcel an hour, one of which vanishes (50% of a window, but a single parcel)
        traffic("HUB-GX-01", 0, 24, 60, i -> i == 11);
        // a medium hub where two parcels in a row vanish: still below the minimum count
        traffic("HUB-BJ-01", 0, 24, 10, i -> i == 40 || i == 41);
        send();
        advance(24, 60);
        assertThat(alerts()).isEmpty();
        assertCleanedUp();
    }

    @Test
    void duplicatesLateUploadsAndCorrectionsRaiseNothing() throws Exception {
        int i = 0;
        for (long t = at(0); t < at(24); t += 2 * MINUTE, i++) {
            String p = parcel(HUB, i);
            long departed = t + HOUR + (i % 7) * 20 * MINUTE;
            switch (i % 5) {
                case 0 -> { // every scan sent twice, the copy up to 10 minutes later
                    onTime(HUB, p, Kind.ARRIVED, t);
                    upload(t + 9 * MINUTE, HUB, p, Kind.ARRIVED, t, 0);
                    onTime(HUB, p, Kind.DEPARTED, departed);
                    upload(departed + 7 * MINUTE, HUB, p, Kind.DEPARTED, departed, 0);
                }
                case 1 -> { // the arrival uploaded 3 h late, after the departure
                    upload(t + 3 * HOUR, HUB, p, Kind.ARRIVED, t, 0);
                    onTime(HUB, p, Kind.DEPARTED, departed);
                }
                case 2 -> { // the arrival first sent with a time 50 minutes off, corrected 2 h later
                    upload(t, HUB, p, Kind.ARRIVED, t - 50 * MINUTE, 0);
                    upload(t + 2 * HOUR, HUB, p, Kind.ARRIVED, t, 1);
                    onTime(HUB, p, Kind.DEPARTED, departed);
                }
                case 3 -> { // the departure uploaded 3 h late
                    onTime(HUB, p, Kind.ARRIVED, t);
                    upload(departed + 3 * HOUR, HUB, p, Kind.DEPARTED, departed, 0);
                }
                default -> { // the departure corrected: first 1 h late, then the right time (rev 1)
                    onTime(HUB, p, Kind.ARRIVED, t);
                    upload(departed + HOUR, HUB, p, Kind.DEPARTED, departed + HOUR, 0);
                    upload(departed + 2 * HOUR, HUB, p, Kind.DEPARTED, departed, 1);
                }
            }
        }
        send();
        advance(24, 60);
        assertThat(alerts()).isEmpty();
        assertCleanedUp();
    }

    @Test
    void parcelsHeldAtTheHubAreStillInDwell() throws Exception {
        // a lane disruption: 40% of the parcels arriving from 6 h to 10 h wait 24 h, re-scanned (held) every 4 h
        int i = 0;
        for (long t = at(0); t < at(20); t += 5 * MINUTE, i++) {
            String p = parcel(HUB, i);
            onTime(HUB, p, Kind.ARRIVED, t);
            boolean held = t >= at(6) && t < at(10) && i % 5 < 2;
            if (held) {
                for (long h = t + HOUR; h < t + 24 * HOUR; h += 4 * HOUR) {
                    onTime(HUB, p, Kind.PRESENT, h);
                }
                onTime(HUB, p, Kind.DEPARTED, t + 26 * HOUR);
            } else {
                onTime(HUB, p, Kind.DEPARTED, t + 2 * HOUR);
            }
        }
        send();
        advance(40, 80);
        assertThat(alerts()).isEmpty();
        assertCleanedUp();
    }

    @Test
    void withoutScansAtTheHubLongHeldParcelsWouldCountAsLost() throws Exception {
        // the counterpart of the test above: the same hold without the held re-scans is taken for a loss
        int i = 0;
        for (long t = at(0); t < at(20); t += 5 * MINUTE, i++) {
            String p = parcel(HUB, i);
            onTime(HUB, p, Kind.ARRIVED, t);
            boolean held = t >= at(6) && t < at(10) && i % 5 < 2;
            onTime(HUB, p, Kind.DEPARTED, t + (held ? 26 : 2) * HOUR);
        }
        send();
        advance(40, 80);
        assertThat(alerts()).extracting(Alert::getStatus).containsExactly(AlertStatus.RAISED, AlertStatus.RESOLVED);
        assertCleanedUp();
    }

    @Test
    void aLossStillOpenWhenTheInputEndsIsResolvedAndEverythingCleared() throws Exception {
        traffic(HUB, 0, 8, 3, i -> i >= 100 && i % 2 == 0); // from 5 h on, half the parcels vanish
        send();
        harness.processWatermark(Long.MAX_VALUE); // end of a bounded input
        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.RAISED, AlertStatus.RESOLVED);
        assertThat(alerts.get(0).getEventTime().toEpochMilli()).isEqualTo(at(5));
        assertThat(alerts.get(1).getEventTime().toEpochMilli()).isEqualTo(at(8));
        assertCleanedUp();
    }

    @Test
    void aParcelReportedLostCountsAtOnceAndSecondEpisodesGetTheirOwnId() throws Exception {
        int i = 0;
        for (long t = at(0); t < at(48); t += 6 * MINUTE, i++) {
            String p = parcel(HUB, i);
            onTime(HUB, p, Kind.ARRIVED, t);
            boolean firstEpisode = t >= at(5) && t < at(8) && i % 3 == 0;
            boolean secondEpisode = t >= at(30) && t < at(33) && i % 3 == 0;
            if (firstEpisode) {
                onTime(HUB, p, Kind.REPORTED_LOST, t + 30 * MINUTE);
            } else if (!secondEpisode) {
                onTime(HUB, p, Kind.DEPARTED, t + 2 * HOUR);
            }
        }
        send();
        advance(48, 90);
        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.RAISED, AlertStatus.RESOLVED, AlertStatus.RAISED, AlertStatus.RESOLVED);
        assertThat(alerts.get(0).getAlertId()).isNotEqualTo(alerts.get(2).getAlertId());
        assertThat(alerts.get(0).getEventTime().toEpochMilli()).isEqualTo(at(5));
        assertThat(alerts.get(1).getEventTime().toEpochMilli()).isEqualTo(at(7 + 50 / 60.0));
        assertThat(alerts.get(2).getEventTime().toEpochMilli()).isEqualTo(at(30));
        assertThat(alerts.get(3).getEventTime().toEpochMilli()).isEqualTo(at(32 + 50 / 60.0));
        assertCleanedUp();
    }

    @Test
    void exceptionScansAtOtherFacilitiesLeaveNoState() throws Exception {
        onTime("OUT-SH01-007", "P-1", Kind.PRESENT, at(1));
        onTime("OUT-SH01-007", "P-2", Kind.REPORTED_LOST, at(1));
        send();
        assertCleanedUp();
    }

    static String compact(Instant time) {
        return time.toString().substring(0, 16).replace("-", "").replace(":", "") + "Z";
    }
}
