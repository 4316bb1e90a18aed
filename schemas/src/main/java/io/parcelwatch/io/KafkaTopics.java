package io.parcelwatch.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Used by everything that writes our topics (the load generator, the tracker, the demo). Checks that the broker answers (failing within {@link #CONNECT_TIMEOUT_SECONDS} with the address and
 * what to do) and creates missing topics: the configured partitions, infinite retention, and record
 * timestamps accepted however far in the past or future they are (replayed and simulated streams carry
 * their own event times; Kafka 4 rejects timestamps more than an hour ahead by default).
 */
public final class KafkaTopics {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaTopics.class);
    /** How long to wait for the broker to answer (system property {@code parcelwatch.kafka.connectTimeoutSeconds}, default 12). */
    public static final int CONNECT_TIMEOUT_SECONDS = Integer.getInteger("parcelwatch.kafka.connectTimeoutSeconds", 12);

    private KafkaTopics() {}

    /** Topic configuration of created topics. */
    public static Map<String, String> topicConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        config.put(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        config.put(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        return config;
    }

    /**
     * Ensures the topics exist, creating missing ones with {@code partitions} partitions and the given
     * replication (-1: min(3, brokers)), and waits until they are served. Returns one line per topic
     * saying what was done.
     *
     * @throws KafkaUnavailableException when the broker does not answer, with the address and what to do
     */
    public static List<String> ensure(String bootstrapServers, Collection<String> topics, int partitions, int replicationFactor,
                                      String clientId) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5000, CONNECT_TIMEOUT_SECONDS * 1000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CONNECT_TIMEOUT_SECONDS * 1000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        List<String> report = new ArrayList<>();
        try (Admin admin = Admin.create(config)) {
            int brokers;
            try {
                brokers = admin.describeCluster().nodes().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            } catch (TimeoutException | ExecutionException e) {
                throw unreachable(bootstrapServers, e);
            }
            Set<String> existing = admin.listTopics().names().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            short replication = (short) (replicationFactor > 0 ? replicationFactor : Math.min(3, Math.max(1, brokers)));
            List<NewTopic> create = new ArrayList<>();
            for (String topic : topics) {
                if (existing.contains(topic)) {
                    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
                    report.add("topic '" + topic + "' exists (" + d.partitions().size() + " partitions); using it as it is");
                } else {
                    create.add(new NewTopic(topic, partitions, replication).configs(topicConfig()));
                }
            }
            if (!create.isEmpty()) {
                try {
                    admin.createTopics(create).all().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaUnavailableException("Cannot create topics " + create.stream().map(NewTopic::name).toList()
                                + " on " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
                awaitLeaders(admin, create.stream().map(NewTopic::name).toList(), bootstrapServers);
                for (NewTopic t : create) {
                    report.add("created topic '" + t.name() + "' (" + t.numPartitions() + " partitions, replication " + t.replicationFactor()
                            + ", retention unlimited, any record timestamp accepted)");
                }
            }
            report.forEach(line -> LOG.info("{}", line));
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while talking to Kafka at " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable(bootstrapServers, e);
        }
    }

    /**
     * Waits until every partition of freshly created topics is served by its leader: leaders are in the
     * metadata and the leader answers ListOffsets for the partition. Producing earlier can hit
     * KAFKA-15591 (fixed after Kafka 4.2.0): a first produce request fails with NOT_LEADER_OR_FOLLOWER,
     * a later one is accepted, and the idempotent producer then retries the first one with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its records expire.
     */
    private static void awaitLeaders(Admin admin, List<String> topics, String bootstrapServers)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT_SECONDS * 1_000_000_000L;
        while (true) {
            boolean ready = true;
            try {
                Map<TopicPartition, OffsetSpec> partitions = new LinkedHashMap<>();
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
                    for (var p : d.partitions()) {
                        ready &= p.leader() != null && !p.leader().isEmpty();
                        partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                if (ready) {
                    admin.listOffsets(partitions).all().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (ExecutionException e) {
                ready = false; // not served yet
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaUnavailableException("Topics " + topics + " were created on " + bootstrapServers
                        + " but their partitions got no leader within " + CONNECT_TIMEOUT_SECONDS + " s", null);
            }
            Thread.sleep(100);
        }
    }

    static KafkaUnavailableException unreachable(String bootstrapServers, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer" : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new KafkaUnavailableException("Cannot reach Kafka at " + bootstrapServers + " within " + CONNECT_TIMEOUT_SECONDS
                + " s (" + why + ").\n"
                + "Is the broker running? Start the local one with './parcelwatch start' from the repository root, "
                + "or point --bootstrap-servers at a running broker (host:port).", cause);
    }
}
