package io.parcelwatch.io.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.io.elasticsearch.DocumentWrite;
import io.parcelwatch.io.elasticsearch.RejectedWrite;
import io.parcelwatch.schema.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaDeadLetterHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    private static RejectedWrite rejected(String id) {
        return new RejectedWrite(DocumentWrite.versioned("alerts", id, 1, ("{\"alertId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)),
                400, "mapper_parsing_exception", "failed to parse");
    }

    @Test
    void publishesEachRejectedDocumentAsADeadLetterAndFlushesBeforeACheckpoint() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaDeadLetterHandler handler = new KafkaDeadLetterHandler(producer, "dead-letters", Clock.fixed(NOW, ZoneOffset.UTC));

        handler.onRejected(rejected("A1"));
        handler.onRejected(rejected("A2"));
        handler.flush();

        assertThat(producer.flushed()).isTrue();
        assertThat(producer.history()).hasSize(2);
        DeadLetter first = AvroCodec.deadLetters().decode(producer.history().get(0).value());
        assertThat(first.getStage()).isEqualTo("es-sink");
        assertThat(first.getReason()).isEqualTo("ES_REJECTED_400_mapper_parsing_exception");
        assertThat(first.getRejectedAt()).isEqualTo(NOW);
        assertThat(producer.history().get(1).key()).isEqualTo("A2".getBytes(StandardCharsets.UTF_8));
        handler.close();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aFailedSendFailsTheNextFlushSoTheCheckpointCannotComplete() throws AvroDecodeException {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaDeadLetterHandler handler = new KafkaDeadLetterHandler(producer, "dead-letters", Clock.systemUTC());

        assertThatThrownBy(() -> {
            handler.onRejected(rejected("A1"));
            producer.errorNext(new TimeoutException("Topic dead-letters not present in metadata after 60000 ms."));
            handler.flush();
        }).hasMessageContaining("1 dead letter(s) could not be written to topic 'dead-letters'")
                .hasMessageContaining("not present in metadata");
        assertThatThrownBy(() -> handler.onRejected(rejected("A2"))).hasMessageContaining("could not be written");
    }
}
