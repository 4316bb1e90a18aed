package io.parcelwatch.generator.output;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.CollectingSink;
import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.replay.RecordedEvent;
import io.parcelwatch.generator.replay.RecordedStream;
import io.parcelwatch.generator.replay.RecordedStreams;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events written to JSON Lines or Avro container files read back equal, in the same order. */
class FileRoundTripTest {
    static TestRun run;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        run = TestRun.of(TestRun.settings(Scenario.DEFAULT, 800, 21).withParcelsPerHour(200).withDrain(10 * DAY));
        assertThat(run.sink.complaints()).isNotEmpty();
    }

    private static void write(EventSink sink) {
        for (CollectingSink.Received r : run.sink.events) {
            if (r.isScan()) {
                sink.scan(r.scan(), r.arrivalTime());
            } else {
                sink.complaint((ComplaintEvent) r.event(), r.arrivalTime());
            }
        }
        sink.close();
    }

    private static List<RecordedEvent> read(List<Path> paths) throws Exception {
        List<RecordedEvent> out = new ArrayList<>();
        try (RecordedStream stream = RecordedStreams.open(paths)) {
            RecordedEvent e;
            while ((e = stream.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void jsonLinesRoundTripKeepsEveryEventAndItsArrivalTime() throws Exception {
        Path file = dir.resolve("events.jsonl");
        write(new JsonLinesSink(file));
        List<RecordedEvent> back = read(List.of(file));
        assertThat(back).hasSize(run.sink.events.size());
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i).event()).isEqualTo(run.sink.events.get(i).event());
            assertThat(back.get(i).paceTime()).isEqualTo(run.sink.events.get(i).arrivalTime());
        }
    }

    @Test
    void avroRoundTripKeepsEveryEventInOrderPerFile() throws Exception {
        write(new AvroFileSink(dir, "snappy", 1));
        List<RecordedEvent> scans = read(List.of(dir.resolve(AvroFileSink.SCANS_FILE)));
        List<RecordedEvent> complaints = read(List.of(dir.resolve(AvroFileSink.COMPLAINTS_FILE)));
        assertThat(scans.stream().map(RecordedEvent::event).toList()).isEqualTo(run.sink.scans());
        assertThat(complaints.stream().map(RecordedEvent::event).toList()).isEqualTo(run.sink.complaints());
        // a directory replays both files, merged by time
        List<RecordedEvent> both = read(List.of(dir));
        assertThat(both).hasSize(run.sink.events.size());
        for (int i = 1; i < both.size(); i++) {
            assertThat(both.get(i).paceTime()).isGreaterThanOrEqualTo(both.get(i - 1).paceTime());
        }
    }

    @Test
    void avroFilesCarryTheParcelWatchSchemas() throws Exception {
        write(new AvroFileSink(dir, "null", 1));
        try (var reader = new org.apache.avro.file.DataFileReader<>(dir.resolve(AvroFileSink.SCANS_FILE).toFile(),
                new org.apache.avro.generic.GenericDatumReader<>())) {
            assertThat(reader.getSchema()).isEqualTo(ScanEvent.getClassSchema());
        }
    }
}
