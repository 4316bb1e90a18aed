package io.parcelwatch.generator.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelwatch.generator.replay.BadRecordingException;
import io.parcelwatch.generator.replay.RecordedEvent;
import io.parcelwatch.generator.replay.RecordedStream;
import io.parcelwatch.generator.replay.RecordedStreams;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented JSON Lines format, as another system would write it, and clear errors for bad lines. */
class JsonLinesFormatTest {
    @TempDir
    Path dir;

    private List<RecordedEvent> read(String content) throws Exception {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, content);
        List<RecordedEvent> out = new ArrayList<>();
        try (RecordedStream s = RecordedStreams.open(List.of(file))) {
            RecordedEvent e;
            while ((e = s.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void readsTheMinimalFormOtherSystemsExport() throws Exception {
        List<RecordedEvent> events = read("""
                {"eventId":"X1-00","parcelId":"X1","type":"CREATED","eventTime":"2026-11-20T08:00:00+08:00","details":{"serviceLevel":"NEXT_DAY","category":"FRESH","originFacilityId":"O1","destinationFacilityId":"O2","promisedDeliveryTime":1795000000000,"recipient":{"name":"王芳","phone":"13812341234","address":"上海市"}}}

                {"eventId":"X1-01","parcelId":"X1","type":"PICKED_UP","eventTime":1795000000000,"facilityId":"O1","temperatureCelsius":4.5,"unknownField":[1,2]}
                {"record":"complaint","eventId":"C1-1","complaintId":"C1","parcelId":"X1","type":"OPENED","eventTime":"2026-11-21T00:00:00Z","reason":"DELAY","responseDeadline":"2026-11-22T00:00:00Z"}
                """);
        assertThat(events).hasSize(3);
        ScanEvent created = (ScanEvent) events.get(0).event();
        assertThat(created.getEventTime().toString()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(created.getRevision()).isZero();
        assertThat(((Created) created.getDetails()).getPlannedRoute()).isEmpty();
        assertThat(((Created) created.getDetails()).getDoorDeliveryRequested()).isFalse();
        ScanEvent picked = (ScanEvent) events.get(1).event();
        assertThat(picked.getType()).isEqualTo(ScanType.PICKED_UP);
        assertThat(picked.getTemperatureCelsius()).isEqualTo(4.5);
        ComplaintEvent complaint = (ComplaintEvent) events.get(2).event();
        assertThat(complaint.getType()).isEqualTo(ComplaintEventType.OPENED);
        // without arrival times, events are paced by the latest event time so far
        assertThat(events.get(2).paceTime()).isEqualTo(complaint.getEventTime().toEpochMilli());
    }

    @Test
    void badLinesAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> read("""
                {"eventId":"X1-00","parcelId":"X1","type":"PICKED_UP","eventTime":"2026-11-20T08:00:00Z"}
                {"eventId":"X1-01","type":"PICKED_UP","eventTime":"2026-11-20T08:00:00Z"}
                """)).isInstanceOf(BadRecordingException.class).hasMessageContaining("in.jsonl:2").hasMessageContaining("missing 'parcelId'");
        assertThatThrownBy(() -> read("{\"eventId\":\"X\",\"parcelId\":\"X\",\"type\":\"TELEPORTED\",\"eventTime\":1}\n"))
                .isInstanceOf(BadRecordingException.class).hasMessageContaining("in.jsonl:1").hasMessageContaining("TELEPORTED");
        assertThatThrownBy(() -> read("{\"eventId\":\"X\",\"parcelId\":\"X\",\"type\":\"PICKED_UP\",\"eventTime\":\"yesterday\"}\n"))
                .isInstanceOf(BadRecordingException.class).hasMessageContaining("eventTime");
        assertThatThrownBy(() -> read("{\"eventId\":\"X\",\n\"parcelId\":oops}\n"))
                .isInstanceOf(BadRecordingException.class).hasMessageContaining("in.jsonl:2").hasMessageContaining("invalid JSON");
    }

    @Test
    void notAnAvroFileIsReportedAsSuch() throws Exception {
        Path file = dir.resolve("scans.avro");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> RecordedStreams.open(List.of(file))).isInstanceOf(BadRecordingException.class)
                .hasMessageContaining("scans.avro").hasMessageContaining("not an Avro object container file");
        assertThatThrownBy(() -> RecordedStreams.open(List.of(dir.resolve("nope.jsonl")))).hasMessageContaining("no such file");
    }

    @Test
    void corruptAvroBlocksAreReportedWithTheirOffset() throws Exception {
        Path out = dir.resolve("out");
        AvroFileSink sink = new AvroFileSink(out, "null", 1);
        for (int i = 0; i < 20_000; i++) {
            sink.scan(new ScanEvent("P-" + i, 0, "P", ScanType.PICKED_UP, java.time.Instant.ofEpochMilli(i), "F", "R", null, null, null), i);
        }
        sink.close();
        Path file = out.resolve(AvroFileSink.SCANS_FILE);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 2000; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> {
            try (RecordedStream s = RecordedStreams.open(List.of(file))) {
                while (s.next() != null) {
                    // read on
                }
            }
        }).isInstanceOf(BadRecordingException.class).hasMessageContaining("scans.avro").hasMessageContaining("corrupt");
    }
}
