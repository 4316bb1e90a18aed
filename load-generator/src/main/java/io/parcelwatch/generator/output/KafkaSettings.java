package io.parcelwatch.generator.output;

import io.parcelwatch.io.KafkaTopics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and how events go to Kafka.
 *
 * @param bootstrapServers   broker addresses
 * @param scansTopic         topic for scan events (key: parcelId)
 * @param complaintsTopic    topic for complaint events (key: complaintId)
 * @param partitions         partitions of topics created by the generator
 * @param replicationFactor  replication of created topics, or -1 for min(3, brokers)
 * @param senderThreads      threads that encode and send (1: the generating thread itself); parcels are
 *                           spread over them by a hash of their id, so each parcel's events stay in order
 * @param producerOverrides  extra producer properties, applied last
 */
public record KafkaSettings(String bootstrapServers, String scansTopic, String complaintsTopic, int partitions, int replicationFactor,
                            int senderThreads, Map<String, String> producerOverrides) {
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    public KafkaSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (senderThreads < 1 || senderThreads > 16) {
            throw new IllegalArgumentException("sender threads must be 1-16");
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Creates the topics that are missing (with these partitions and replication) and waits until they are served. */
    public List<String> ensureTopics(Collection<String> topics) {
        return KafkaTopics.ensure(bootstrapServers, topics, partitions, replicationFactor, "parcelwatch-load-generator-admin");
    }

    public static KafkaSettings defaults(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, "scans", "complaints", 4, -1, 1, Map.of());
    }

    /** Producer configuration tuned for throughput (large batches, no compression), with the overrides on top. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", "parcelwatch-load-generator");
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("max.in.flight.requests.per.connection", "5");
        config.put("linger.ms", "100");
        config.put("batch.size", Integer.toString(1024 * 1024));
        config.put("buffer.memory", Long.toString(128L * 1024 * 1024));
        // no compression: on a local broker the bandwidth is free, while lz4 on the sending thread costs about a third of the throughput
        config.put("compression.type", "none");
        config.put("max.request.size", Integer.toString(4 * 1024 * 1024));
        // fail fast and clearly when the broker goes away, instead of blocking for minutes
        config.put("max.block.ms", "15000");
        config.put("request.timeout.ms", "10000");
        config.put("delivery.timeout.ms", "30000");
        config.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        config.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        config.putAll(producerOverrides);
        return config;
    }

    public KafkaSettings withSenderThreads(int n) {
        return new KafkaSettings(bootstrapServers, scansTopic, complaintsTopic, partitions, replicationFactor, n, producerOverrides);
    }
}
