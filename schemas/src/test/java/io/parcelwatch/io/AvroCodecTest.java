package io.parcelwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ComplaintReason;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.DeadLetter;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.Recipient;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import io.parcelwatch.schema.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    static ScanEvent created() {
        return ScanEvent.newBuilder()
                .setEventId("E1").setParcelId("SF1000000001").setType(ScanType.CREATED).setEventTime(T0)
                .setFacilityId("OUT-SH-0001").setRegionId("SH")
                .setDetails(Created.newBuilder()
                        .setServiceLevel(ServiceLevel.NEXT_DAY).setCategory(ParcelCategory.FRESH)
                        .setOriginFacilityId("OUT-SH-0001").setDestinationFacilityId("OUT-BJ-0007")
                        .setPlannedRoute(List.of("HUB-SH", "HUB-BJ"))
                        .setPromisedDeliveryTime(T0.plusSeconds(36 * 3600)).setDoorDeliveryRequested(true)
                        .setRecipient(new Recipient("张伟", "13812341234", "北京市朝阳区建国路 1 号"))
                        .build())
                .build();
    }

    @Test
    void everyRecordTypeRoundTrips() throws Exception {
        ScanEvent scan = created();
        assertThat(AvroCodec.scanEvents().decode(AvroCodec.scanEvents().encode(scan))).isEqualTo(scan);

        ScanEvent delivered = ScanEvent.newBuilder(scan).setEventId("E9").setType(ScanType.DELIVERED)
                .setTemperatureCelsius(4.5).setDetails(new Delivery(DeliveryMethod.LOCKER, false)).build();
        assertThat(AvroCodec.scanEvents().decode(AvroCodec.scanEvents().encode(delivered))).isEqualTo(delivered);

        ComplaintEvent complaint = ComplaintEvent.newBuilder().setEventId("C1-open").setComplaintId("C1")
                .setParcelId("SF1000000001").setType(ComplaintEventType.OPENED).setEventTime(T0)
                .setReason(ComplaintReason.DELAY).setResponseDeadline(T0.plusSeconds(86400)).build();
        assertThat(AvroCodec.complaintEvents().decode(AvroCodec.complaintEvents().encode(complaint))).isEqualTo(complaint);

        Alert alert = Alert.newBuilder().setAlertId("STALE_TRACKING:SF1000000001:1").setKind(AlertKind.STALE_TRACKING)
                .setStatus(AlertStatus.RAISED).setSeverity(Severity.WARNING).setParcelId("SF1000000001")
                .setEventTime(T0).setEmittedAt(T0).setSummary("no scan for 26h")
                .setEvidence(Map.of("silentForMinutes", "1560")).build();
        assertThat(AvroCodec.alerts().decode(AvroCodec.alerts().encode(alert))).isEqualTo(alert);

        DeadLetter letter = DeadLetter.newBuilder().setStage("scan-decode").setReason("CORRUPT_BODY")
                .setMessage("cut short").setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3})).setRejectedAt(T0).build();
        assertThat(AvroCodec.deadLetters().decode(AvroCodec.deadLetters().encode(letter))).isEqualTo(letter);
    }

    @Test
    void encodesExactlyAsAvrosSingleObjectEncoderAndReusesItsBuffersCleanly() throws Exception {
        AvroCodec<ScanEvent> codec = AvroCodec.scanEvents();
        BinaryMessageEncoder<ScanEvent> reference = new BinaryMessageEncoder<>(
                org.apache.avro.specific.SpecificData.getForClass(ScanEvent.class), ScanEvent.getClassSchema());
        ScanEvent big = created();
        ScanEvent small = ScanEvent.newBuilder().setEventId("E2").setParcelId("SF2").setType(ScanType.HUB_ARRIVED)
                .setEventTime(T0).setFacilityId("HUB-SH").build();
        for (ScanEvent event : List.of(big, small, big, small)) { // a long message, then a short one into the same buffers
            byte[] ours = codec.encode(event);
            assertThat(ours).isEqualTo(reference.encode(event).array());
            assertThat(codec.decode(ours)).isEqualTo(event);
        }
    }

    @Test
    void aMessageWrittenWithTheOlderSchemaIsReadByTheCurrentReader() throws Exception {
        Schema v1 = SchemaHistory.archivedSchemas().stream()
                .filter(s -> s.getDoc() != null && s.getDoc().startsWith("TEST ONLY")).findFirst().orElseThrow();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "E7");
        old.put("parcelId", "SF42");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "HUB_ARRIVED"));
        old.put("eventTime", T0.toEpochMilli());
        old.put("facilityId", "HUB-GZ");
        byte[] v1Bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        ScanEvent read = AvroCodec.scanEvents().decode(v1Bytes);

        assertThat(read.getEventId()).isEqualTo("E7");
        assertThat(read.getType()).isEqualTo(ScanType.HUB_ARRIVED);
        assertThat(read.getEventTime()).isEqualTo(T0);
        assertThat(read.getFacilityId()).isEqualTo("HUB-GZ");
        assertThat(read.getRevision()).as("field added later takes its default").isZero();
        assertThat(read.getTemperatureCelsius()).isNull();
        assertThat(read.getDetails()).isNull();
    }

    @Test
    void aSymbolTheReaderDoesNotKnowReadsAsUnknown() throws Exception {
        Schema v1 = SchemaHistory.archivedSchemas().stream()
                .filter(s -> s.getDoc() != null && s.getDoc().startsWith("TEST ONLY")).findFirst().orElseThrow();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "E8");
        old.put("parcelId", "SF43");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "LINE_HAUL_STARTED"));
        old.put("eventTime", T0.toEpochMilli());
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        assertThat(AvroCodec.scanEvents().decode(bytes).getType()).isEqualTo(ScanType.UNKNOWN);
    }

    @Test
    void garbageIsReportedAsNotSingleObjectEncoding() {
        byte[] garbage = "{\"parcelId\":\"SF1\"}".getBytes();
        assertThatThrownBy(() -> AvroCodec.scanEvents().decode(garbage))
                .isInstanceOfSatisfying(AvroDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.NOT_SINGLE_OBJECT_ENCODING))
                .hasMessageContaining("single-object marker");
    }

    @Test
    void truncatedBytesAreReportedAsCorruptBody() {
        byte[] whole = AvroCodec.scanEvents().encode(created());
        byte[] cut = Arrays.copyOf(whole, whole.length - 20);
        assertThatThrownBy(() -> AvroCodec.scanEvents().decode(cut))
                .isInstanceOfSatisfying(AvroDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT_BODY))
                .hasMessageContaining("truncated");
    }

    @Test
    void anUnknownFingerprintIsReportedAsSuch() {
        byte[] bytes = AvroCodec.scanEvents().encode(created());
        bytes[5] ^= 0x5a; // one bit pattern of the 8-byte fingerprint (bytes 2..9) changed
        assertThatThrownBy(() -> AvroCodec.scanEvents().decode(bytes))
                .isInstanceOfSatisfying(AvroDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT))
                .hasMessageContaining("fingerprint");
    }

    @Test
    void anEmptyMessageIsReportedAsEmpty() {
        for (byte[] empty : new byte[][] {null, new byte[0]}) {
            assertThatThrownBy(() -> AvroCodec.scanEvents().decode(empty))
                    .isInstanceOfSatisfying(AvroDecodeException.class,
                            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.EMPTY));
        }
    }

    @Test
    void aMessageOfAnotherTypeIsNotMistakenForAScan() {
        byte[] alertBytes = AvroCodec.alerts().encode(Alert.newBuilder().setAlertId("A").setKind(AlertKind.LOST)
                .setStatus(AlertStatus.RAISED).setEventTime(T0).setEmittedAt(T0).setSummary("s").build());
        assertThatThrownBy(() -> AvroCodec.scanEvents().decode(alertBytes))
                .isInstanceOfSatisfying(AvroDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT));
    }

    @Test
    void aBodyClaimingAHugeStringIsRejectedBeforeAllocatingIt() throws IOException {
        byte[] valid = AvroCodec.scanEvents().encode(created());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(valid, 0, 10);
        var encoder = org.apache.avro.io.EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeLong(1L << 30); // eventId "is" 1 GiB long
        encoder.flush();
        assertThatThrownBy(() -> AvroCodec.scanEvents().decode(out.toByteArray()))
                .isInstanceOfSatisfying(AvroDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT_BODY))
                .hasMessageContaining("exceeds maximum allowed"); // Avro's own limit (2 GiB) would have let 1 GiB through
    }

    /** Random bodies behind a valid header: every outcome is a decoded record or a typed failure, never a crash. */
    @Test
    void randomBodiesBehindAValidHeaderNeverEscapeAsUncheckedExceptions() throws IOException {
        byte[] valid = AvroCodec.scanEvents().encode(created());
        Random random = new Random(7);
        int failures = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(valid, 0, 10);
            byte[] body = new byte[random.nextInt(200)];
            random.nextBytes(body);
            out.write(body);
            try {
                AvroCodec.scanEvents().decode(out.toByteArray());
            } catch (AvroDecodeException e) {
                assertThat(e.failure()).isEqualTo(DecodeFailure.CORRUPT_BODY);
                failures++;
            }
        }
        assertThat(failures).as("nearly all random bodies are rejected").isGreaterThan(19_000);
    }
}
