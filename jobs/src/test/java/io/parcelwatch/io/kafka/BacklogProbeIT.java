package io.parcelwatch.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelwatch.io.KafkaTopics;
import io.parcelwatch.testing.KafkaService;
import io.parcelwatch.testing.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backlog probe against a real broker: far behind the end of a partition, then at its end. */
@ExtendWith(RealServices.class)
class BacklogProbeIT {
    @Test
    void tellsABacklogFromLiveReading(KafkaService kafka) throws Exception {
        String topic = "backlog-probe-" + System.nanoTime();
        KafkaTopics.ensure(kafka.bootstrapServers(), List.of(topic), 1, 1, "backlog-probe-it");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>(topic, new byte[] {(byte) i}));
            }
            producer.flush();
        }
        try (BacklogProbe probe = new BacklogProbe(kafka.bootstrapServers(), "backlog-probe-it", Duration.ofMillis(50),
                Duration.ofSeconds(5), 100)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.read(topic, 0, 9, System.currentTimeMillis());
                return probe.behind();
            });
            assertThat(probe.lag()).as("read up to offset 9 of 1000").isEqualTo(990);
            assertThat(probe.secondsBehind()).as("nothing read between two answers: no pace to work it off").isInfinite();

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.read(topic, 0, 995, System.currentTimeMillis());
                return !probe.behind();
            });
            assertThat(probe.lag()).isEqualTo(4);
        }
    }
}
