package io.parcelwatch.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.alerts.AlertMessage;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.kpi.KpiFact;
import io.parcelwatch.kpi.KpiFactKind;
import io.parcelwatch.kpi.KpiSettings;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ComplaintReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplaintTrackerTest {
    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    /** Defaults: deadline 24 h after opening, warning 2 h before it, state kept 2 days after the answer. */
    static final KpiSettings SETTINGS = KpiSettings.defaults();

    KeyedOneInputStreamOperatorTestHarness<String, ValidComplaint, KpiFact> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ComplaintTracker(SETTINGS), ValidComplaint::complaintId,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static Instant at(double hours) {
        return T0.plusMillis(Math.round(hours * 3_600_000));
    }

    static ComplaintEvent event(String complaintId, ComplaintEventType type, double hours, String suffix) {
        return ComplaintEvent.newBuilder().setEventId(complaintId + suffix).setComplaintId(complaintId).setParcelId("P-" + complaintId)
                .setType(type).setEventTime(at(hours)).setReason(ComplaintReason.DELAY)
                .setResponseDeadline(type == ComplaintEventType.OPENED ? at(hours + 24) : null).setRegionId("R-EAST").build();
    }

    void send(ComplaintEvent e) throws Exception {
        harness.processElement(new ValidComplaint(e.getComplaintId(), AvroCodec.complaintEvents().encode(e)), e.getEventTime().toEpochMilli());
    }

    void watermark(double hours) throws Exception {
        harness.processWatermark(at(hours).toEpochMilli());
    }

    List<Alert> alerts() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        ConcurrentLinkedQueue<StreamRecord<AlertMessage>> side = harness.getSideOutput(ComplaintTracker.ALERTS);
        if (side != null) {
            for (StreamRecord<AlertMessage> r : side) {
                alerts.add(AvroCodec.alerts().decode(r.getValue().avro()));
            }
        }
        return alerts;
    }

    @Test
    void anUnansweredComplaintRaisesItsDeadlineAlertBeforeTheDeadlineAndTheAnswerResolvesIt() throws Exception {
        send(event("C1", ComplaintEventType.OPENED, 0, "-1"));
        watermark(21.9);
        assertThat(alerts()).isEmpty();
        watermark(22);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.COMPLAINT_DEADLINE);
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.getAlertId()).isEqualTo("COMPLAINT_DEADLINE:C1");
            assertThat(a.getComplaintId()).isEqualTo("C1");
            assertThat(a.getParcelId()).isEqualTo("P-C1");
            assertThat(a.getRegionId()).isEqualTo("R-EAST");
            assertThat(a.getEventTime()).isEqualTo(at(22));
            assertThat(a.getEvidence()).containsEntry("deadline", at(24).toString()).containsEntry("reason", "DELAY");
        });

        send(event("C1", ComplaintEventType.RESPONDED, 30, "-2")); // answered 6 h late
        assertThat(alerts()).hasSize(2).last().satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.getEventTime()).isEqualTo(at(30));
            assertThat(a.getEvidence()).containsEntry("raisedAt", at(22).toString()).containsEntry("answeredLate", "true");
        });
        assertThat(harness.extractOutputValues()).extracting(KpiFact::kind, KpiFact::time, KpiFact::responseMinutes).containsExactly(
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.COMPLAINT_OPENED, at(0).toEpochMilli(), 0.0),
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.COMPLAINT_RESPONDED, at(30).toEpochMilli(), 30 * 60.0));

        watermark(30 + 48);
        assertThat(harness.numKeyedStateEntries()).as("state dropped a retention after the answer").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateAnswerReadAheadOfTheWatermarkStillShowsTheDeadlineWasAboutToBeMissed() throws Exception {
        send(event("C6", ComplaintEventType.OPENED, 0, "-1"));
        send(event("C6", ComplaintEventType.RESPONDED, 30, "-2")); // the watermark is still at the start
        assertThat(alerts()).extracting(Alert::getStatus, Alert::getEventTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertStatus.RAISED, at(22)),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.RESOLVED, at(30)));
        watermark(30 + 48);
        assertThat(alerts()).as("the timer raises nothing more").hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aComplaintAnsweredInTimeRaisesNothingAndDuplicatesCountOnce() throws Exception {
        send(event("C2", ComplaintEventType.OPENED, 0, "-1"));
        send(event("C2", ComplaintEventType.OPENED, 0, "-1"));
        send(event("C2", ComplaintEventType.RESPONDED, 5, "-2"));
        send(event("C2", ComplaintEventType.RESPONDED, 5, "-2"));
        send(event("C2", ComplaintEventType.CLOSED, 8, "-3"));
        watermark(24 * 3);
        assertThat(alerts()).isEmpty();
        assertThat(harness.extractOutputValues()).extracting(KpiFact::kind)
                .containsExactly(KpiFactKind.COMPLAINT_OPENED, KpiFactKind.COMPLAINT_RESPONDED);
        assertThat(harness.extractOutputValues().get(1).responseMinutes()).isEqualTo(300.0);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aResponseThatArrivesBeforeItsOpeningIsCountedWhenTheOpeningArrives() throws Exception {
        send(event("C3", ComplaintEventType.RESPONDED, 3, "-2"));
        assertThat(harness.extractOutputValues()).isEmpty();
        send(event("C3", ComplaintEventType.OPENED, 1, "-1"));
        watermark(23);
        assertThat(alerts()).isEmpty();
        assertThat(harness.extractOutputValues()).extracting(KpiFact::kind, KpiFact::responseMinutes).containsExactly(
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.COMPLAINT_OPENED, 0.0),
                org.assertj.core.groups.Tuple.tuple(KpiFactKind.COMPLAINT_RESPONDED, 120.0));
    }

    @Test
    void aComplaintNeverAnsweredKeepsItsAlertRaisedAndItsStateGoesAfterTheRetention() throws Exception {
        send(event("C4", ComplaintEventType.OPENED, 0, "-1"));
        watermark(24 + 48);
        assertThat(alerts()).singleElement().extracting(Alert::getStatus).isEqualTo(AlertStatus.RAISED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void invalidComplaintEventsAreNamedForTheDeadLetterTopic() throws Exception {
        ComplaintEvent ok = event("C5", ComplaintEventType.OPENED, 0, "-1");
        assertThat(ComplaintDecoder.problem(ok)).isNull();
        assertThat(ComplaintDecoder.problem(ComplaintEvent.newBuilder(ok).setType(ComplaintEventType.UNKNOWN).build())).isEqualTo("UNKNOWN_TYPE");
        assertThat(ComplaintDecoder.problem(ComplaintEvent.newBuilder(ok).setComplaintId(" ").build())).isEqualTo("MISSING_ID");
        assertThat(ComplaintDecoder.problem(ComplaintEvent.newBuilder(ok).setResponseDeadline(at(-1)).build())).isEqualTo("IMPOSSIBLE_TIME");
    }
}
