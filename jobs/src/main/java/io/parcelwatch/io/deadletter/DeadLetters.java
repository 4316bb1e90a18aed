package io.parcelwatch.io.deadletter;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.elasticsearch.RejectedWrite;
import io.parcelwatch.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds {@link DeadLetter} records (input a job could not use, with the reason) and writes them to
 * the dead-letter topic: value = {@link AvroCodec#deadLetters()} bytes, key = the original key (for
 * sink rejections: the document id), record timestamp = the rejection time.
 */
public final class DeadLetters {
    /** The dead-letter topic's default name. */
    public static final String DEFAULT_TOPIC = "dead-letters";

    /** Stage of documents rejected by the Elasticsearch sink. */
    public static final String STAGE_ES_SINK = "es-sink";

    private DeadLetters() {}

    /** A dead letter without a Kafka origin (key and payload may be null). */
    public static DeadLetter of(String stage, String reason, String message, byte[] key, byte[] payload, Instant rejectedAt) {
        return builder(stage, reason, message, rejectedAt)
                .setKey(wrap(key))
                .setPayload(wrap(payload))
                .build();
    }

    /** A dead letter for input from a known Kafka position. */
    public static DeadLetter fromSource(String stage, String reason, String message, String sourceTopic, int sourcePartition,
                                        long sourceOffset, byte[] key, byte[] payload, Instant rejectedAt) {
        return builder(stage, reason, message, rejectedAt)
                .setSourceTopic(sourceTopic)
                .setSourcePartition(sourcePartition)
                .setSourceOffset(sourceOffset)
                .setKey(wrap(key))
                .setPayload(wrap(payload))
                .build();
    }

    /**
     * A document Elasticsearch rejected for good: stage {@value #STAGE_ES_SINK}, reason e.g.
     * {@code ES_REJECTED_400_mapper_parsing_exception}, message with Elasticsearch's reason, key =
     * the document id, payload = the document's JSON.
     */
    public static DeadLetter rejectedWrite(RejectedWrite rejected, Instant rejectedAt) {
        return of(STAGE_ES_SINK, rejected.reasonCode(), rejected.message(),
                rejected.document().id().getBytes(StandardCharsets.UTF_8), rejected.document().source(), rejectedAt);
    }

    /** The Kafka record of a dead letter. */
    public static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, DeadLetter deadLetter, AvroCodec<DeadLetter> codec) {
        return new ProducerRecord<>(topic, null, deadLetter.getRejectedAt().toEpochMilli(), bytesOf(deadLetter.getKey()),
                codec.encode(deadLetter));
    }


    private static DeadLetter.Builder builder(String stage, String reason, String message, Instant rejectedAt) {
        return DeadLetter.newBuilder()
                .setStage(Objects.requireNonNull(stage, "stage"))
                .setReason(Objects.requireNonNull(reason, "reason"))
                .setMessage(message == null ? "" : message)
                .setRejectedAt(Objects.requireNonNull(rejectedAt, "rejectedAt"));
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
