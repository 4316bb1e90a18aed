package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.eta.DeliveryForecaster;
import io.parcelwatch.eta.EtaSettings;
import io.parcelwatch.eta.Forecast;
import io.parcelwatch.eta.JourneyPlan;
import io.parcelwatch.eta.JourneySteps;
import io.parcelwatch.eta.ModelBroadcast;
import io.parcelwatch.eta.ModelUpdate;
import io.parcelwatch.eta.StepKey;
import io.parcelwatch.eta.StepKind;
import io.parcelwatch.eta.StepPrior;
import io.parcelwatch.eta.StepSummary;
import io.parcelwatch.eta.TimeOfDayBands;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forecaster on the tracker's real output: a parcel predicted on time, then a disruption at its hub
 * (the learned dwell there jumps) raises PREDICTED_DELAY before the promise, and the parcel moving on under a
 * recovered model resolves it; delivery clears its state and timer.
 */
class DeliveryForecastTest {
    static final long HOUR = 3_600_000L;

    KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> tracker;
    KeyedBroadcastOperatorTestHarness<String, ParcelChange, ModelUpdate, StatusDocument> forecaster;
    final Scans p1 = new Scans("P1");
    final List<ScanEvent> sent = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        tracker = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ParcelTracker(ParcelTrackerTest.RULES),
                ValidScan::parcelId, Types.STRING);
        forecaster = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new DeliveryForecaster(EtaSettings.defaults()),
                ParcelChange::parcelId, Types.STRING, ModelBroadcast.MODEL);
    }

    @AfterEach
    void close() throws Exception {
        tracker.close();
        forecaster.close();
    }

    /** Tracks a scan and hands the tracker's status change to the forecaster; returns what the forecaster wrote. */
    StatusDocument scan(ScanEvent event) throws Exception {
        sent.add(event);
        int before = tracker.extractOutputValues().size();
        tracker.processElement(new ValidScan(event.getParcelId(), AvroCodec.scanEvents().encode(event)), event.getEventTime().toEpochMilli());
        List<ParcelChange> changes = tracker.extractOutputValues();
        assertThat(changes).hasSizeGreaterThan(before);
        forecaster.processElement(new StreamRecord<>(changes.getLast(), event.getEventTime().toEpochMilli()));
        return forecaster.extractOutputValues().getLast();
    }

    /** The model says every step of the parcel's journey (as of its creation) takes about this long, and its first hub's dwell {@code dwellHours} lately. */
    void model(double stepHours, double dwellHours, long asOf) throws Exception {
        ParcelState state = AvroCodec.of(ParcelState.class).decode(tracker.extractOutputValues().getFirst().state());
        var journey = new JourneySteps(TimeOfDayBands.defaults()).remaining(state.getScans(), JourneyPlan.of(state));
        for (StepKey key : journey.steps()) {
            double hours = key.kind() == StepKind.DWELL && key.scope().startsWith("HUB-SH>") ? dwellHours : stepHours;
            StepSummary shape = StepPrior.ofHours(hours, hours * 1.3).summary();
            // Recent quantiles show the disruption; the typical (longer-run) duration stays the usual 3 h.
            int typical = key.kind() == StepKind.DWELL ? 3 * 3600 : shape.typicalSeconds();
            StepSummary learned = new StepSummary(shape.quantileSeconds(), typical, 500, asOf);
            forecaster.processBroadcastElement(new StreamRecord<>(ModelUpdate.of(key.anyBand().asString(), learned)));
        }
    }

    List<Alert> delayAlerts() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        var side = forecaster.getSideOutput(DeliveryForecaster.ALERTS);
        if (side != null) {
            for (var record : side) {
                alerts.add(AvroCodec.alerts().decode(record.getValue().avro()));
            }
        }
        return alerts;
    }

    @Test
    void raisesPredictedDelayDuringADisruptionAndResolvesItWhenThePredictionRecovers() throws Exception {
        scan(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true)); // promised at +36 h
        model(2, 3, Scans.at(0).toEpochMilli());
        scan(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"));
        Forecast atHub = scan(p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH")).forecast();
        assertThat(atHub.current().lateProbability()).as("normal steps of ~2-3 h: on time").isLessThan(0.1);
        // at the outlet about 19:00 China time: out with the next morning's round (the prior timetable's 08:30)
        assertThat(atHub.current().p50()).isBetween(Scans.at(24).toEpochMilli(), Scans.at(30).toEpochMilli());
        assertThat(atHub.atPickup()).as("kept for scoring").isNotNull();
        assertThat(atHub.atPickup().computedAt()).isEqualTo(Scans.at(1).toEpochMilli());
        assertThat(delayAlerts()).isEmpty();

        // The lane out of HUB-SH is disrupted: parcels now sit there ~40 h. P1 is held; its HELD scan re-predicts.
        model(2, 40, Scans.at(5).toEpochMilli());
        scan(p1.exception(7, ExceptionCode.HELD, "HUB-SH"));
        List<Alert> alerts = delayAlerts();
        assertThat(alerts).as("raised before the promise (+36 h)").hasSize(1);
        Alert raised = alerts.getFirst();
        assertThat(raised.getKind()).isEqualTo(AlertKind.PREDICTED_DELAY);
        assertThat(raised.getStatus()).isEqualTo(AlertStatus.RAISED);
        assertThat(raised.getEventTime()).isBefore(Scans.at(36));
        assertThat(raised.getEvidence()).containsKeys("predicted", "promised", "lateProbability", "slowStep");
        assertThat(raised.getEvidence().get("slowStep")).contains("HUB-SH");

        // The lane reopens and the parcel leaves; the model has recovered.
        model(2, 3, Scans.at(13).toEpochMilli());
        scan(p1.scan(ScanType.HUB_DEPARTED, 13, "HUB-SH"));
        alerts = delayAlerts();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(raised.getAlertId());

        scan(p1.scan(ScanType.HUB_ARRIVED, 16, "HUB-BJ"));
        scan(p1.scan(ScanType.HUB_DEPARTED, 18, "HUB-BJ"));
        scan(p1.scan(ScanType.OUTLET_ARRIVED, 20, "OUT-BJ-7"));
        scan(p1.scan(ScanType.OUT_FOR_DELIVERY, 21, "OUT-BJ-7"));
        Forecast last = scan(p1.delivered(23, DeliveryMethod.DOOR, false)).forecast();
        assertThat(last.current()).as("delivered: nothing left to predict").isNull();
        assertThat(last.atPickup()).isNotNull();
        assertThat(last.atHalfway()).as("the second hub of two is the halfway point").isNotNull();
        assertThat(last.atHalfway().computedAt()).isEqualTo(Scans.at(16).toEpochMilli());
        assertThat(last.atOutForDelivery()).isNotNull();
        assertThat(((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) forecaster.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries())
                .as("state cleared at the end of the journey").isZero();
        assertThat(forecaster.numEventTimeTimers()).isZero();
    }

    @Test
    void aForecastOnlyChangeKeepsTheFixedPointPredictionWithTheModelOfThatMomentAndWritesNothing() throws Exception {
        scan(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true));
        model(2, 3, Scans.at(0).toEpochMilli());
        tracker.processElement(new ValidScan("P1", AvroCodec.scanEvents().encode(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"))),
                Scans.at(1).toEpochMilli());
        ParcelChange atPickup = ParcelChange.forForecastOnly("P1", tracker.extractOutputValues().getLast().state());
        int written = forecaster.extractOutputValues().size();
        forecaster.processElement(new StreamRecord<>(atPickup, Scans.at(1).toEpochMilli()));
        assertThat(forecaster.extractOutputValues()).as("forecast only: no status write").hasSize(written);

        // By the time the gathered write goes out, the model has moved (a disruption at HUB-SH, P1's next hub):
        // the pickup prediction stays the one made with the model of the pickup.
        model(2, 40, Scans.at(2).toEpochMilli());
        Forecast atHub = scan(p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH")).forecast();
        assertThat(atHub.current().lateProbability()).as("with the disruption: late").isGreaterThan(0.5);
        assertThat(atHub.atPickup().computedAt()).isEqualTo(Scans.at(1).toEpochMilli());
        assertThat(atHub.atPickup().lateProbability()).as("made before the disruption was known").isLessThan(0.1);
    }

    @Test
    void aDeliveryToldAheadOfItsGatheredWriteStopsThePromiseTimer() throws Exception {
        scan(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true)); // promised at +36 h
        model(2, 3, Scans.at(0).toEpochMilli());
        scan(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"));
        assertThat(forecaster.numEventTimeTimers()).as("the promise timer").isEqualTo(1);
        tracker.processElement(new ValidScan("P1", AvroCodec.scanEvents().encode(p1.delivered(30, DeliveryMethod.DOOR, false))),
                Scans.at(30).toEpochMilli());
        forecaster.processElement(new StreamRecord<>(ParcelChange.forForecastOnly("P1", tracker.extractOutputValues().getLast().state()),
                Scans.at(30).toEpochMilli()));
        assertThat(forecaster.numEventTimeTimers()).isZero();
        forecaster.processWatermark(Scans.at(40).toEpochMilli()); // past the promise and its headroom, the write still pending
        assertThat(delayAlerts()).isEmpty();

        Forecast written = forecaster.extractOutputValues().getLast().forecast();
        forecaster.processElement(new StreamRecord<>(tracker.extractOutputValues().getLast(), Scans.at(30).toEpochMilli()));
        Forecast atDelivery = forecaster.extractOutputValues().getLast().forecast();
        assertThat(atDelivery).isNotSameAs(written);
        assertThat(atDelivery.current()).isNull();
        assertThat(atDelivery.atPickup().computedAt()).isEqualTo(Scans.at(1).toEpochMilli());
        assertThat(((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) forecaster.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries()).isZero();
    }

    @Test
    void aParcelNotDeliveredByItsPromiseIsLateForSureEvenWithoutAScan() throws Exception {
        scan(p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true)); // promised at +36 h
        model(2, 3, Scans.at(0).toEpochMilli());
        scan(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"));
        scan(p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH"));
        assertThat(forecaster.numEventTimeTimers()).as("one timer: at the promise, plus the late-upload headroom").isEqualTo(1);
        forecaster.watermark(Scans.at(38).toEpochMilli()); // both inputs: the model stream carries the scans' watermark too
        assertThat(delayAlerts()).isEmpty();
        forecaster.watermark(Scans.at(39).toEpochMilli());
        assertThat(delayAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.RAISED);
            assertThat(alert.getEvidence().get("lateProbability")).isEqualTo("1.00");
        });
        assertThat(forecaster.numEventTimeTimers()).as("raised: nothing more to wait for until a scan").isZero();
    }
}
