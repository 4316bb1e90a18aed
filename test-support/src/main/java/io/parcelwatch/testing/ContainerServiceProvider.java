package io.parcelwatch.testing;

import java.net.URI;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

/** Where a Docker engine is reachable: the official Kafka and Elasticsearch images, same versions as the build. */
final class ContainerServiceProvider implements ServiceProvider {
    static final String KAFKA_IMAGE = "apache/kafka:" + Versions.KAFKA;
    static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:" + Versions.ELASTICSEARCH;

    private KafkaContainer kafka;
    private ElasticsearchContainer elasticsearch;

    @Override
    public KafkaService startKafka() {
        kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        return new KafkaService(kafka.getBootstrapServers(), Versions.KAFKA, "container " + KAFKA_IMAGE);
    }

    @Override
    public ElasticsearchService startElasticsearch() {
        elasticsearch = new ElasticsearchContainer(ELASTICSEARCH_IMAGE)
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        elasticsearch.start();
        return new ElasticsearchService(URI.create("http://" + elasticsearch.getHttpHostAddress()), Versions.ELASTICSEARCH,
                "container " + ELASTICSEARCH_IMAGE);
    }

    @Override
    public void close() {
        if (elasticsearch != null) {
            elasticsearch.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }
}
