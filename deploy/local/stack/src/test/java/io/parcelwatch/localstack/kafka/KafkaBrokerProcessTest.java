package io.parcelwatch.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelwatch.localstack.LocalStackException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {
    @TempDir
    Path home;

    @Test
    void startsARealBrokerThatKeepsItsDataAcrossARestart() throws Exception {
        KafkaBrokerSettings settings = KafkaBrokerSettings.defaults(home).withPort(0);
        int port;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings)) {
            port = broker.port();
            assertThat(broker.version()).isEqualTo("4.2.0");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("scans", 2, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("scans", "SF1", "picked up")).get();
            }
        }

        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings.withPort(port))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("scans");
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                    "group.id", "t", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of("scans"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 30 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofSeconds(1));
                }
                assertThat(records.records("scans")).extracting(r -> r.key() + "=" + r.value()).containsExactly("SF1=picked up");
            }
        }
    }

    @Test
    void aTakenPortGivesAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> KafkaBrokerProcess.start(KafkaBrokerSettings.defaults(home).withPort(taken.getLocalPort())))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }
}
