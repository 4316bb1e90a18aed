package io.parcelwatch.benchmark;

import io.parcelwatch.io.KafkaTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The benchmark's Kafka topics: recreated empty for every run, and counted. */
final class BenchTopics implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;

    BenchTopics(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", "15000",
                "default.api.timeout.ms", "30000"));
    }

    /**
     * Deletes the topics if they exist and creates them empty, then waits until every partition has a
     * leader that answers offset requests: a producer's first records to a partition still being
     * created can stall until they expire (KAFKA-15591), and a consumer could miss its start.
     */
    void recreate(Collection<String> topics, int partitions) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<String> doomed = topics.stream().filter(existing::contains).toList();
        if (!doomed.isEmpty()) {
            admin.deleteTopics(doomed).all().get();
        }
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        for (String topic : topics) {
            createWhenDeleted(topic, partitions, deadline);
        }
        for (String topic : topics) {
            awaitServed(topic, deadline);
        }
    }

    /** Deletion is asynchronous in the broker: creating the same name fails until it has finished. */
    private void createWhenDeleted(String topic, int partitions, Instant deadline) throws Exception {
        while (true) {
            try {
                // the project's topic settings: a generated stream runs up to an hour or more ahead of the clock,
                // which Kafka 4 rejects by default ("rejected due to invalid timestamp")
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(KafkaTopics.topicConfig()))).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitServed(String topic, Instant deadline) throws Exception {
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                boolean led = description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led) {
                    endOffsets(topic); // answers only once every partition's leader serves it
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Topic " + topic + " was not served within " + READY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    boolean exists(String topic) throws Exception {
        return admin.listTopics().names().get().contains(topic);
    }

    List<TopicPartition> partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Records currently in the topic (end minus start offsets over its partitions); 0 if it does not exist. */
    long recordCount(String topic) throws Exception {
        if (!exists(topic)) {
            return 0;
        }
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, Long> starts = offsets(topic, OffsetSpec.earliest());
        return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        List<TopicPartition> partitions = partitions(topic);
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
