package io.parcelwatch.generator.cli;

import io.parcelwatch.generator.output.KafkaSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Kafka options of {@code generate} and {@code replay}. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", defaultValue = KafkaSettings.DEFAULT_BOOTSTRAP, paramLabel = "HOST:PORT",
            description = "Kafka brokers. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers = KafkaSettings.DEFAULT_BOOTSTRAP;
    @Option(names = "--scans-topic", defaultValue = "scans", description = "Default: ${DEFAULT-VALUE}.")
    String scansTopic = "scans";
    @Option(names = "--complaints-topic", defaultValue = "complaints", description = "Default: ${DEFAULT-VALUE}.")
    String complaintsTopic = "complaints";
    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of topics the generator creates. Default: ${DEFAULT-VALUE}.")
    int partitions = 4;
    @Option(names = "--replication-factor", defaultValue = "-1", description = "Replication of created topics. Default: min(3, brokers).")
    int replicationFactor = -1;
    @Option(names = "--sender-threads", defaultValue = "1",
            description = "Threads that encode and send (parcels are spread over them by id, keeping each parcel's order). Default: ${DEFAULT-VALUE}.")
    int senderThreads = 1;
    @Option(names = "--producer-prop", paramLabel = "KEY=VALUE", description = "Extra Kafka producer property (repeatable), e.g. compression.type=zstd.")
    Map<String, String> producerProps = new LinkedHashMap<>();

    KafkaSettings settings() {
        return new KafkaSettings(bootstrapServers, scansTopic, complaintsTopic, partitions, replicationFactor, senderThreads, producerProps);
    }
}
