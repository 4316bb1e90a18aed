package io.parcelwatch.io.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.io.elasticsearch.DocumentWrite;
import io.parcelwatch.io.elasticsearch.RejectedWrite;
import io.parcelwatch.schema.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Instant AT = Instant.parse("2026-11-20T08:15:30.123Z");

    @Test
    void aRejectedDocumentBecomesAnEsSinkDeadLetterWithItsReasonIdAndJson() throws AvroDecodeException {
        byte[] json = "{\"parcelId\":\"SF1\",\"bogus\":true}".getBytes(StandardCharsets.UTF_8);
        RejectedWrite rejected = new RejectedWrite(DocumentWrite.versioned("parcels", "SF1", 3, json), 400,
                "strict_dynamic_mapping_exception",
                "[1:27] mapping set to strict, dynamic introduction of [bogus] within [_doc] is not allowed");

        DeadLetter letter = DeadLetters.rejectedWrite(rejected, AT);

        assertThat(letter.getStage()).isEqualTo("es-sink");
        assertThat(letter.getReason()).isEqualTo("ES_REJECTED_400_strict_dynamic_mapping_exception");
        assertThat(letter.getMessage()).contains("[parcels/SF1 v3]").contains("dynamic introduction of [bogus]");
        assertThat(DeadLetters.bytesOf(letter.getKey())).isEqualTo("SF1".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.bytesOf(letter.getPayload())).isEqualTo(json);
        assertThat(letter.getSourceTopic()).isNull();
        assertThat(letter.getSourcePartition()).isNull();
        assertThat(letter.getSourceOffset()).isNull();
        assertThat(letter.getRejectedAt()).isEqualTo(AT);

        ProducerRecord<byte[], byte[]> record = DeadLetters.toProducerRecord("dead-letters", letter, AvroCodec.deadLetters());
        assertThat(record.topic()).isEqualTo("dead-letters");
        assertThat(record.key()).isEqualTo("SF1".getBytes(StandardCharsets.UTF_8));
        assertThat(record.timestamp()).isEqualTo(AT.toEpochMilli());
        assertThat(AvroCodec.deadLetters().decode(record.value())).isEqualTo(letter);
    }

    @Test
    void aLetterWithoutOriginNeedsOnlyStageReasonAndTime() throws AvroDecodeException {
        DeadLetter letter = DeadLetters.of("kpi", "LATE", null, null, null, AT);

        assertThat(letter.getMessage()).isEmpty();
        assertThat(AvroCodec.deadLetters().decode(AvroCodec.deadLetters().encode(letter))).isEqualTo(letter);
    }

}
