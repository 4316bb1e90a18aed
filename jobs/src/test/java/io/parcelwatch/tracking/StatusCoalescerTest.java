package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusCoalescerTest {
    OneInputStreamOperatorTestHarness<ParcelChange, ParcelChange> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new StatusCoalescer(1000));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void send(String parcel, long seq) throws Exception {
        harness.processElement(new StreamRecord<>(new ParcelChange(parcel, seq, new byte[] {(byte) seq})));
    }

    @Test
    void emitsOnlyTheLatestChangeOfEachParcelOncePerInterval() throws Exception {
        send("P1", 1);
        send("P1", 2);
        send("P2", 1);
        send("P1", 3);
        send("P1", 2); // a stale one cannot replace a newer one
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(1000);
        assertThat(harness.extractOutputValues()).extracting(c -> c.parcelId() + "@" + c.seq())
                .containsExactlyInAnyOrder("P1@3", "P2@1");

        send("P2", 2);
        harness.setProcessingTime(1999);
        assertThat(harness.extractOutputValues()).hasSize(2);
        harness.setProcessingTime(2000);
        assertThat(harness.extractOutputValues()).extracting(c -> c.parcelId() + "@" + c.seq()).endsWith("P2@2");
    }

    @Test
    void flushesEverythingBeforeACheckpointBarrierSoNothingIsHeldAcrossCheckpoints() throws Exception {
        send("P1", 1);
        send("P2", 1);
        harness.prepareSnapshotPreBarrier(1L);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.snapshot(1L, 1L).getManagedOperatorState()).isEmpty();
    }

    @Test
    void flushesAtTheEndOfInput() throws Exception {
        send("P1", 7);
        harness.endInput();
        assertThat(harness.extractOutputValues()).extracting(ParcelChange::seq).containsExactly(7L);
    }

    @Test
    void flushesAtOnceWhenTooManyParcelsArePendingSoTheHeapStaysBounded() throws Exception {
        OneInputStreamOperatorTestHarness<ParcelChange, ParcelChange> small =
                new OneInputStreamOperatorTestHarness<>(new StatusCoalescer(1000, 10_000, 3));
        small.setProcessingTime(0);
        small.open();
        try {
            for (String parcel : new String[] {"P1", "P2", "P1", "P3"}) {
                small.processElement(new StreamRecord<>(new ParcelChange(parcel, 1, new byte[0])));
            }
            assertThat(small.extractOutputValues()).extracting(ParcelChange::parcelId).containsExactlyInAnyOrder("P1", "P2", "P3");
            small.processElement(new StreamRecord<>(new ParcelChange("P4", 1, new byte[0])));
            assertThat(small.extractOutputValues()).hasSize(3);
        } finally {
            small.close();
        }
    }

    @Test
    void gathersLongerWhileCatchingUpAndReturnsToTheIntervalWhenLive() throws Exception {
        harness.close();
        harness = new OneInputStreamOperatorTestHarness<>(new StatusCoalescer(1000, 10_000, 1000));
        harness.setProcessingTime(0);
        harness.open();
        long hour = 3_600_000L;
        long t = 0;
        // a backlog: the watermark runs an hour ahead per second of wall time
        for (int i = 1; i <= 4; i++) {
            send("P1", i);
            harness.processWatermark(i * hour);
            t += 1000L << Math.min(i - 1, 10);
            harness.setProcessingTime(t);
        }
        int writesWhileCatchingUp = harness.extractOutputValues().size();
        send("P1", 10);
        harness.setProcessingTime(t + 1000);
        assertThat(harness.extractOutputValues()).as("the interval has stretched: nothing written a second later")
                .hasSize(writesWhileCatchingUp);
        // live: the watermark moves with the clock; the interval shrinks back to a second
        long wm = 4 * hour;
        for (int k = 0; k < 8; k++) {
            t += 16_000;
            wm += 16_000;
            harness.processWatermark(wm);
            harness.setProcessingTime(t);
        }
        int before = harness.extractOutputValues().size();
        send("P2", 1);
        harness.setProcessingTime(t + 1000);
        assertThat(harness.extractOutputValues()).hasSize(before + 1);
    }
}
