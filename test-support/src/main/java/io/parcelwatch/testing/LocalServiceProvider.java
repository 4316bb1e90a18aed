package io.parcelwatch.testing;

import io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeProcess;
import io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Without Docker: a real KRaft broker inside the test JVM (Kafka's own cluster test kit) and a real
 * Elasticsearch node as a child process that exits if this JVM dies.
 */
final class LocalServiceProvider implements ServiceProvider {
    private KafkaClusterTestKit kafka;
    private ElasticsearchNodeProcess elasticsearch;
    private Path elasticsearchHome;

    @Override
    public KafkaService startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "4")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new KafkaService(kafka.bootstrapServers(), AppInfoParser.getVersion(), "in-JVM KRaft broker (Kafka cluster test kit)");
    }

    @Override
    public ElasticsearchService startElasticsearch() throws IOException {
        elasticsearchHome = Files.createTempDirectory("parcelwatch-test-es-");
        elasticsearch = ElasticsearchNodeProcess.start(ElasticsearchNodeSettings.of(elasticsearchHome));
        return new ElasticsearchService(elasticsearch.httpUri(), elasticsearch.version(),
                "local node process pid " + elasticsearch.pid() + ", home " + elasticsearchHome);
    }

    @Override
    public void close() {
        if (elasticsearch != null) {
            elasticsearch.close();
            deleteRecursively(elasticsearchHome);
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (Exception e) {
                System.err.println("[parcelwatch-test] Kafka test kit did not close cleanly: " + e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[parcelwatch-test] could not delete " + dir + ": " + e);
        }
    }
}
