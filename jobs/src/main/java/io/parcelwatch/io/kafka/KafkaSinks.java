package io.parcelwatch.io.kafka;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka sinks for records that are already encoded: at least once (flushed on every checkpoint,
 * {@code acks=all}, idempotent producer). Duplicates after a restart are harmless where this is
 * used: alerts and dead letters carry stable ids.
 */
public final class KafkaSinks {
    private KafkaSinks() {}

    /**
     * @param key   the record key as text (UTF-8), or null for none
     * @param value the record value, already encoded
     */
    public static <T> KafkaSink<T> atLeastOnce(String bootstrapServers, String topic,
                                               SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("acks", "all")
                .setProperty("enable.idempotence", "true")
                .setRecordSerializer((KafkaRecordSerializationSchema<T>) (element, context, timestamp) -> {
                    String k = key.apply(element);
                    return new ProducerRecord<>(topic, k == null ? null : k.getBytes(StandardCharsets.UTF_8), value.apply(element));
                })
                .build();
    }

    /** A {@link Function} Flink can ship with the job graph. */
    public interface SerializableFunction<T, R> extends Function<T, R>, java.io.Serializable {}
}
