package io.parcelwatch.generator.replay;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.CollectingSink;
import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.output.JsonLinesSink;
import io.parcelwatch.generator.sim.Pacing;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay preserves each parcel's order (strictly) and the recorded pace (loosely: this machine has two
 * busy cores, so only proportions and a generous total are checked, never tight timings).
 */
class ReplayTest {
    static final long SPAN = 50 * MINUTE;
    static final double SPEED = 1000;

    @TempDir
    static Path dir;
    static Path recording;
    static List<CollectingSink.Received> recorded;

    @BeforeAll
    static void record() {
        // fifty minutes of a network in its steady state (the second day of a run): 3 s of replay at 1000x
        TestRun run = TestRun.of(TestRun.settings(Scenario.DEFAULT, 1, 4).withDuration(DAY + 6 * HOUR).withParcelsPerHour(300));
        long from = TestRun.START + DAY + 4 * HOUR;
        recorded = run.sink.events.stream().filter(r -> r.arrivalTime() >= from && r.arrivalTime() < from + SPAN).toList();
        recording = dir.resolve("events.jsonl");
        JsonLinesSink sink = new JsonLinesSink(recording);
        for (CollectingSink.Received r : recorded) {
            if (r.isScan()) {
                sink.scan(r.scan(), r.arrivalTime());
            } else {
                sink.complaint((ComplaintEvent) r.event(), r.arrivalTime());
            }
        }
        sink.close();
        assertThat(recorded.size()).isGreaterThan(3000);
    }

    private static CollectingSink replay(Pacing pacing) throws Exception {
        CollectingSink sink = new CollectingSink();
        try (RecordedStream stream = RecordedStreams.open(List.of(recording))) {
            new Replayer(pacing).replay(stream, sink);
        }
        return sink;
    }

    @Test
    void replayKeepsTheRecordedOrderOfEveryParcel() throws Exception {
        CollectingSink sink = replay(Pacing.AS_FAST_AS_POSSIBLE);
        assertThat(sink.events).hasSize(recorded.size());
        Map<String, List<String>> before = byParcel(recorded);
        Map<String, List<String>> after = byParcel(sink.events);
        assertThat(after).isEqualTo(before);
    }

    private static Map<String, List<String>> byParcel(List<CollectingSink.Received> events) {
        Map<String, List<String>> out = new HashMap<>();
        for (CollectingSink.Received r : events) {
            String parcel = r.isScan() ? r.scan().getParcelId() : ((ComplaintEvent) r.event()).getParcelId();
            String id = r.isScan() ? r.scan().getEventId() + "/" + r.scan().getRevision() : ((ComplaintEvent) r.event()).getEventId();
            out.computeIfAbsent(parcel, k -> new ArrayList<>()).add(id);
        }
        return out;
    }

    @Test
    void replayAtAThousandTimesTakesAThousandthOfTheRecordedSpan() throws Exception {
        CollectingSink sink = replay(Pacing.speed(SPEED));
        List<CollectingSink.Received> got = sink.events;
        long recordedSpan = got.get(got.size() - 1).arrivalTime() - got.get(0).arrivalTime();
        double expectedSeconds = recordedSpan / 1000.0 / SPEED;
        double tookSeconds = (got.get(got.size() - 1).wallNanos() - got.get(0).wallNanos()) / 1e9;
        System.out.printf("recorded span %.1f s, replay at %.0fx took %.2f s (expected %.2f s)%n", recordedSpan / 1000.0, SPEED, tookSeconds,
                expectedSeconds);
        assertThat(expectedSeconds).isBetween(2.0, 4.0);
        assertThat(tookSeconds).isBetween(expectedSeconds * 0.9, expectedSeconds * 2.5);

        // pacing is proportional: the first and second halves of the recorded time take about as long each
        long mid = got.get(0).arrivalTime() + recordedSpan / 2;
        CollectingSink.Received atMid = got.stream().filter(r -> r.arrivalTime() >= mid).findFirst().orElseThrow();
        double firstHalf = (atMid.wallNanos() - got.get(0).wallNanos()) / 1e9;
        assertThat(firstHalf / tookSeconds).isBetween(0.3, 0.7);
        // and no event goes out noticeably before its time (the first event's own handling may lag a little)
        long startNanos = got.get(0).wallNanos();
        for (CollectingSink.Received r : got) {
            double due = (r.arrivalTime() - got.get(0).arrivalTime()) / 1000.0 / SPEED;
            assertThat((r.wallNanos() - startNanos) / 1e9).isGreaterThanOrEqualTo(due - 0.05);
        }
    }

    @Test
    void lateUploadsArriveWhereTheyWereRecorded() throws Exception {
        CollectingSink sink = replay(Pacing.AS_FAST_AS_POSSIBLE);
        // the stream has late uploads: some events are older than events before them, in the replay too
        int outOfOrder = 0;
        long max = Long.MIN_VALUE;
        for (CollectingSink.Received r : sink.events) {
            if (r.isScan()) {
                long t = ((ScanEvent) r.event()).getEventTime().toEpochMilli();
                if (t < max) {
                    outOfOrder++;
                }
                max = Math.max(max, t);
            }
        }
        assertThat(outOfOrder).isGreaterThan(0);
    }
}
