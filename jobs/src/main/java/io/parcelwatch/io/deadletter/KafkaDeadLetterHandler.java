package io.parcelwatch.io.deadletter;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.elasticsearch.RejectedWrite;
import io.parcelwatch.io.elasticsearch.RejectedWriteHandler;
import io.parcelwatch.schema.DeadLetter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Elasticsearch sink's default {@link RejectedWriteHandler}: publishes each rejected document
 * as a {@link DeadLetter} (stage {@value DeadLetters#STAGE_ES_SINK}, reason e.g.
 * {@code ES_REJECTED_400_mapper_parsing_exception}, key = document id, payload = document JSON) to
 * the dead-letter topic with its own producer ({@code acks=all}, idempotent).
 *
 * <p>Sends are asynchronous; {@link #flush()}, which the sink calls before every checkpoint
 * completes, waits for all of them and fails if any failed, so a checkpoint never covers a dead
 * letter that Kafka did not take.
 */
public final class KafkaDeadLetterHandler implements RejectedWriteHandler {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final AvroCodec<DeadLetter> codec = AvroCodec.deadLetters();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong failedSends = new AtomicLong();

    KafkaDeadLetterHandler(Producer<byte[], byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** Dead letters to {@value DeadLetters#DEFAULT_TOPIC}. */
    public static Factory factory(String bootstrapServers) {
        return factory(bootstrapServers, DeadLetters.DEFAULT_TOPIC);
    }

    public static Factory factory(String bootstrapServers, String topic) {
        return factory(bootstrapServers, topic, Map.of());
    }

    /**
     * @param producerProperties extra Kafka producer settings (e.g. security); cannot weaken
     *                           {@code acks=all} or idempotence
     */
    public static Factory factory(String bootstrapServers, String topic, Map<String, String> producerProperties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers of the dead-letter topic must be given");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("dead-letter topic must be given");
        }
        HashMap<String, String> extra = new HashMap<>(producerProperties);
        return context -> {
            Map<String, Object> config = new HashMap<>(extra);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "parcelwatch-es-sink-dead-letters-"
                    + context.getTaskInfo().getIndexOfThisSubtask() + "-" + System.identityHashCode(config));
            Producer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            return new KafkaDeadLetterHandler(producer, topic, Clock.systemUTC());
        };
    }

    @Override
    public void onRejected(RejectedWrite rejected) throws IOException {
        throwIfFailed();
        DeadLetter deadLetter = DeadLetters.rejectedWrite(rejected, clock.instant());
        producer.send(DeadLetters.toProducerRecord(topic, deadLetter, codec), (metadata, error) -> {
            if (error != null) {
                failedSends.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    @Override
    public void flush() throws IOException {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private void throwIfFailed() throws IOException {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IOException(failedSends.get() + " dead letter(s) could not be written to topic '" + topic + "': " + failure,
                    failure);
        }
    }
}
