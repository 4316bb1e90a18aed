package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.kafka.KafkaRecord;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.DeadLetter;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScanDecoderTest {
    OneInputStreamOperatorTestHarness<KafkaRecord, ValidScan> harness;
    final Scans p1 = new Scans("P1");
    long offset;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ScanDecoder(ScanValidator.defaults()));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void send(byte[] value) throws Exception {
        harness.processElement(new KafkaRecord("scans", 0, offset++, 0L, "P1".getBytes(), value), 0L);
    }

    void send(ScanEvent event) throws Exception {
        send(AvroCodec.scanEvents().encode(event));
    }

    List<DeadLetter> deadLetters() throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        var side = harness.getSideOutput(ScanDecoder.DEAD_LETTERS);
        if (side != null) {
            for (StreamRecord<byte[]> r : side) {
                letters.add(AvroCodec.deadLetters().decode(r.getValue()));
            }
        }
        return letters;
    }

    @Test
    void validScansPassWithTheirBytes() throws Exception {
        ScanEvent event = p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1");
        send(event);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(v -> {
            assertThat(v.parcelId()).isEqualTo("P1");
            assertThat(AvroCodec.scanEvents().decode(v.avro())).isEqualTo(event);
        });
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void everyKindOfBadInputGoesToTheDeadLetterOutputWithItsReasonAndOriginalBytes() throws Exception {
        byte[] garbage = "not avro".getBytes();
        send(garbage);
        byte[] truncated = Arrays.copyOf(AvroCodec.scanEvents().encode(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1")), 14);
        send(truncated);
        send(new byte[0]);
        send(ScanEvent.newBuilder(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1")).setType(ScanType.UNKNOWN).build());
        send(ScanEvent.newBuilder(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1")).setParcelId(" ").build());
        send(ScanEvent.newBuilder(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1")).setEventTime(Instant.parse("1970-01-02T00:00:00Z")).build());
        send(ScanEvent.newBuilder(p1.scan(ScanType.PICKED_UP, 1, "OUT-SH-1")).setEventTime(Instant.now().plusSeconds(3 * 86400)).build());
        ScanEvent created = p1.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, true);
        send(ScanEvent.newBuilder(created).setDetails(Created.newBuilder((Created) created.getDetails())
                .setCategory(ParcelCategory.UNKNOWN).build()).build());
        send(ScanEvent.newBuilder(created).setDetails(null).build());
        send(p1.temperature(2, Double.NaN));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> letters = deadLetters();
        assertThat(letters).extracting(DeadLetter::getReason).containsExactly(
                "NOT_SINGLE_OBJECT_ENCODING", "CORRUPT_BODY", "EMPTY", "UNKNOWN_SCAN_TYPE", "MISSING_PARCEL_ID",
                "IMPOSSIBLE_EVENT_TIME", "IMPOSSIBLE_EVENT_TIME", "UNKNOWN_PARCEL_CATEGORY", "MISSING_DETAILS",
                "IMPOSSIBLE_TEMPERATURE");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getStage()).isEqualTo("scan-decode");
            assertThat(l.getSourceTopic()).isEqualTo("scans");
            assertThat(l.getMessage()).isNotBlank();
        });
        assertThat(letters.get(0).getPayload()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(letters.get(1).getPayload()).isEqualTo(ByteBuffer.wrap(truncated));
        assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }
}
