package io.parcelwatch.tracking;

import static io.parcelwatch.tracking.Scans.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import io.parcelwatch.tracking.state.ParcelState;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker's status writes: at most one per parcel and flush interval, scheduled in keyed state. */
class StatusWritesTest {
    static final TrackingRules RULES = TrackingRules.defaults(ParcelTrackerTest.KEY)
            .withFlushIntervals(Duration.ofSeconds(1), Duration.ofSeconds(8));

    KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> harness;
    final Scans p1 = new Scans("P1");
    final Scans p2 = new Scans("P2");

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ParcelTracker(RULES), ValidScan::parcelId, Types.STRING);
        harness.setProcessingTime(10_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void send(KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> h, ScanEvent... events) throws Exception {
        send(h, false, events);
    }

    void send(KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> h, boolean backlog, ScanEvent... events)
            throws Exception {
        // A backlog a minute behind: the interval stretches to its maximum.
        sendBehind(h, backlog ? 60_000 : 0, events);
    }

    void sendBehind(KeyedOneInputStreamOperatorTestHarness<String, ValidScan, ParcelChange> h, long behindMillis, ScanEvent... events)
            throws Exception {
        for (ScanEvent e : events) {
            h.processElement(new ValidScan(e.getParcelId(), AvroCodec.scanEvents().encode(e), behindMillis), e.getEventTime().toEpochMilli());
        }
    }

    static long seqOf(ParcelChange change) {
        try {
            return AvroCodec.of(ParcelState.class).decode(change.state()).getSeq();
        } catch (io.parcelwatch.io.AvroDecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesAParcelOncePerIntervalWithItsLatestState() throws Exception {
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true), p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                p2.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true));
        assertThat(writes()).as("a parcel's first change is written at once")
                .extracting(ParcelChange::parcelId, StatusWritesTest::seqOf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P1", 1L), org.assertj.core.groups.Tuple.tuple("P2", 1L));
        assertThat(harness.numProcessingTimeTimers()).as("P1's pickup came within an interval of its write: one pending write").isEqualTo(1);

        harness.setProcessingTime(10_500);
        send(harness, p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH"));
        assertThat(writes()).as("nothing more before the interval is up").hasSize(2);
        assertThat(harness.numProcessingTimeTimers()).as("the later change rides along").isEqualTo(1);

        harness.setProcessingTime(11_000);
        assertThat(writes()).hasSize(3);
        assertThat(writes().getLast().parcelId()).isEqualTo("P1");
        assertThat(seqOf(writes().getLast())).as("one write an interval after the first, carrying both later scans").isEqualTo(3L);
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.setProcessingTime(11_400);
        send(harness, p1.scan(ScanType.HUB_DEPARTED, 5, "HUB-SH"));
        harness.setProcessingTime(11_999);
        assertThat(writes()).as("a change within an interval of the last write waits for the interval").hasSize(3);
        harness.setProcessingTime(12_000);
        assertThat(writes()).hasSize(4).last().extracting(StatusWritesTest::seqOf).isEqualTo(4L);

        harness.setProcessingTime(30_000);
        assertThat(writes()).as("no change, no write").hasSize(4);
        send(harness, p1.scan(ScanType.HUB_ARRIVED, 9, "HUB-BJ"));
        assertThat(writes()).as("a change an interval or more after the last write is written at once").hasSize(5)
                .last().extracting(StatusWritesTest::seqOf).isEqualTo(5L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void stretchesTheIntervalWhileScansComeFromABacklog() throws Exception {
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true));
        for (int second = 1; second <= 6; second++) {
            harness.setProcessingTime(10_000 + second * 1000L);
            harness.processWatermark(at(second * 2.0).toEpochMilli());
            send(harness, true, p2.scan(ScanType.HUB_ARRIVED, second * 2.0, "HUB-SH"));
        }
        assertThat(writesOf("P1")).as("P1's creation, written while still live").isEqualTo(1);
        send(harness, p1.scan(ScanType.PICKED_UP, 13, "OUT-SH-1"));
        harness.setProcessingTime(16_000 + 1000);
        assertThat(writesOf("P1")).as("not written after the base interval while catching up").isEqualTo(1);
        harness.setProcessingTime(16_000 + 8000);
        assertThat(writesOf("P1")).as("written within the catch-up interval").isEqualTo(2);
    }

    @Test
    void aFewSecondsBehindAChangeIsStillWrittenAtOnceWhenItsParcelIsDue() throws Exception {
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true));
        // Scans read 3 s behind the input's end, two a second: every re-pacing sees them.
        for (int step = 1; step <= 12; step++) {
            harness.setProcessingTime(10_000 + step * 500L);
            harness.processWatermark(at(step).toEpochMilli());
            sendBehind(harness, 3_000, p2.scan(ScanType.HUB_ARRIVED, step, "HUB-SH"));
        }
        assertThat(writesOf("P1")).as("P1's creation, written while still live").isEqualTo(1);

        sendBehind(harness, 3_000, p1.scan(ScanType.PICKED_UP, 13, "OUT-SH-1"));
        assertThat(writesOf("P1")).as("written 6 s ago, more than the stretched interval: written at once, not deferred").isEqualTo(2);

        harness.setProcessingTime(16_500);
        sendBehind(harness, 3_000, p2.scan(ScanType.HUB_ARRIVED, 13, "HUB-SH"), p1.scan(ScanType.HUB_ARRIVED, 14, "HUB-SH"));
        harness.setProcessingTime(18_999);
        assertThat(writesOf("P1")).as("within the stretched interval (3 s, how far behind the job is) of its last write: it waits")
                .isEqualTo(2);
        harness.setProcessingTime(19_000);
        assertThat(writesOf("P1")).isEqualTo(3);
    }

    /**
     * A catch-up interval (two minutes) longer than the look at held writes ({@link TrackingRules#HELD_WRITE_CHECK}, 30 s),
     * and P1's pickup read {@code behindMillis} behind, after three seconds of scans of another parcel as far behind.
     */
    void longCatchUp(long behindMillis) throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ParcelTracker(RULES.withFlushIntervals(Duration.ofSeconds(1), Duration.ofMinutes(2))), ValidScan::parcelId, Types.STRING);
        harness.setProcessingTime(10_000);
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true));
        // A scan of another parcel a second: every re-pacing sees the backlog.
        for (int second = 1; second <= 3; second++) {
            stepOtherParcel(second, behindMillis);
        }
        sendBehind(harness, behindMillis, p1.scan(ScanType.PICKED_UP, 0.5, "OUT-SH-1"));
        assertThat(writesOf("P1")).as("the creation, written while still live; the pickup held for two minutes").isEqualTo(1);
    }

    private void stepOtherParcel(int second, long behindMillis) throws Exception {
        harness.setProcessingTime(10_000 + second * 1000L);
        harness.processWatermark(at(second / 100.0).toEpochMilli());
        sendBehind(harness, behindMillis, p2.scan(ScanType.HUB_ARRIVED, 1 + second / 100.0, "HUB-SH"));
    }

    @Test
    void aWriteHeldBackWhileTheJobIsStillBehindGoesOutAtItsTime() throws Exception {
        longCatchUp(120_000);
        for (int second = 4; second <= 122; second++) {
            stepOtherParcel(second, 120_000);
            assertThat(writesOf("P1")).as("looked at every 30 s, held while the job is still behind (at %d s)", second).isEqualTo(1);
        }
        stepOtherParcel(123, 120_000);
        assertThat(writes()).filteredOn(c -> c.parcelId().equals("P1")).as("written two minutes after it was read")
                .extracting(StatusWritesTest::seqOf).containsExactly(1L, 2L);
    }

    @Test
    void aWriteHeldBackGoesOutAtItsFirstLookAfterTheJobHasCaughtUp() throws Exception {
        longCatchUp(120_000);
        for (int second = 4; second <= 32; second++) {
            stepOtherParcel(second, 0); // caught up: the interval shrinks back to a second within a few
        }
        assertThat(writesOf("P1")).as("before its first look, 30 s after it was read").isEqualTo(1);
        stepOtherParcel(33, 0);
        assertThat(writes()).filteredOn(c -> c.parcelId().equals("P1")).as("released at its first look, not two minutes after")
                .extracting(StatusWritesTest::seqOf).containsExactly(1L, 2L);

        harness.setProcessingTime(43_500);
        send(harness, p1.scan(ScanType.HUB_ARRIVED, 1, "HUB-SH"));
        assertThat(writesOf("P1")).as("the release counts as its last write: a change half a second later waits").isEqualTo(2);
        harness.setProcessingTime(44_000);
        assertThat(writes()).filteredOn(c -> c.parcelId().equals("P1")).as("a base interval after the release")
                .extracting(StatusWritesTest::seqOf).containsExactly(1L, 2L, 3L);
        harness.setProcessingTime(200_000);
        assertThat(writesOf("P1")).as("the timer of the released write left nothing behind").isEqualTo(3);
    }

    @Test
    void aWriteHeldBackWhileTheJobIsFarBehindIsNotLookedAtBeforeItIsDue() throws Exception {
        // Ten minutes behind: the write waits the two-minute maximum, and the job expects to be behind long after.
        longCatchUp(600_000);
        for (int second = 4; second <= 122; second++) {
            stepOtherParcel(second, 0); // it caught up sooner than it expected
        }
        assertThat(writesOf("P1")).as("not looked at before its time: the job was far more behind than the write waits")
                .isEqualTo(1);
        stepOtherParcel(123, 0);
        assertThat(writes()).filteredOn(c -> c.parcelId().equals("P1")).as("written at its time")
                .extracting(StatusWritesTest::seqOf).containsExactly(1L, 2L);
    }

    long writesOf(String parcel) {
        return writes().stream().filter(c -> c.parcelId().equals(parcel)).count();
    }

    /** Status writes (what the document shows), without the forecast-only changes of fixed points. */
    List<ParcelChange> writes() {
        return harness.extractOutputValues().stream().filter(c -> !c.forecastOnly()).toList();
    }

    @Test
    void aScanAtAFixedPointIsForecastAtOnceWhileItsWriteWaits() throws Exception {
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true), p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                p1.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH"), p1.scan(ScanType.HUB_DEPARTED, 5, "HUB-SH"),
                p1.scan(ScanType.HUB_ARRIVED, 12, "HUB-BJ"));
        // Planned route HUB-SH, HUB-BJ: the halfway hub is HUB-BJ (index size / 2).
        assertThat(writes()).as("the creation, written at once; the later scans' write waits for the interval")
                .extracting(StatusWritesTest::seqOf).containsExactly(1L);
        assertThat(harness.extractOutputValues()).filteredOn(ParcelChange::forecastOnly).as("pickup and the halfway hub, forecast now")
                .extracting(StatusWritesTest::seqOf).containsExactly(2L, 5L);
    }

    @Test
    void aScheduledWriteSurvivesRestoreFromACheckpoint() throws Exception {
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true), p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 10_100);
        harness.close();

        OneInputStreamOperator<ValidScan, ParcelChange> operator = new KeyedProcessOperator<>(new ParcelTracker(RULES));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, ValidScan::parcelId, Types.STRING);
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(10_500);
        assertThat(writes()).isEmpty();
        harness.setProcessingTime(11_000);
        assertThat(writes()).as("the write scheduled before the failure happens after it")
                .extracting(ParcelChange::parcelId, StatusWritesTest::seqOf).containsExactly(org.assertj.core.groups.Tuple.tuple("P1", 2L));
    }

    @Test
    void aParcelClearedWithAWritePendingIsWrittenFirst() throws Exception {
        send(harness, p1.created(0, ServiceLevel.STANDARD, ParcelCategory.REGULAR, true), p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"));
        harness.setProcessingTime(11_000);
        assertThat(writesOf("P1")).as("the creation at once, the pickup an interval later").isEqualTo(2);
        send(harness, p1.delivered(20, io.parcelwatch.schema.DeliveryMethod.DOOR, false));
        // A backlog: the watermark passes the retention (2 days after delivery) before the write is due.
        harness.processWatermark(at(20 + 49).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).as("cleared after retention").isZero();
        assertThat(writesOf("P1")).as("the delivery written before the state went").isEqualTo(3);
        ParcelChange last = writes().getLast();
        assertThat(new ParcelTimeline(AvroCodec.of(ParcelState.class).decode(last.state())).stage()).isEqualTo(Stage.DELIVERED);
        harness.setProcessingTime(20_000);
        assertThat(writesOf("P1")).as("the pending timer finds nothing left to write").isEqualTo(3);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
