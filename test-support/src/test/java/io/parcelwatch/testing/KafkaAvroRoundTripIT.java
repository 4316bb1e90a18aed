package io.parcelwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServices.class)
class KafkaAvroRoundTripIT {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void avroScanEventsRoundTripThroughTheBrokerInPerParcelOrder(KafkaService kafka) throws Exception {
        System.out.println("[parcelwatch-test] KafkaAvroRoundTripIT against Kafka " + kafka.version() + " (" + kafka.description() + ")");
        String topic = "scans-roundtrip";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        AvroCodec<ScanEvent> codec = AvroCodec.scanEvents();
        ScanType[] life = {ScanType.PICKED_UP, ScanType.HUB_ARRIVED, ScanType.HUB_DEPARTED, ScanType.DELIVERED};
        List<ScanEvent> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int step = 0; step < life.length; step++) {
                for (int parcel = 0; parcel < 5; parcel++) {
                    ScanEvent event = ScanEvent.newBuilder().setEventId("E" + parcel + "-" + step).setParcelId("SF" + parcel)
                            .setType(life[step]).setEventTime(T0.plusSeconds(3600L * step)).setFacilityId("HUB-" + step).build();
                    sent.add(event);
                    producer.send(new ProducerRecord<>(topic, event.getParcelId(), codec.encode(event)));
                }
            }
            producer.flush();
        }

        List<ScanEvent> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "roundtrip", "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (received.size() < sent.size() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ScanEvent event = codec.decode(record.value());
                    assertThat(record.key()).isEqualTo(event.getParcelId());
                    received.add(event);
                }
            }
        }

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        for (int parcel = 0; parcel < 5; parcel++) {
            String id = "SF" + parcel;
            assertThat(received.stream().filter(e -> e.getParcelId().equals(id)).map(ScanEvent::getType))
                    .as("events of one parcel keep their order within its partition")
                    .containsExactly(life);
        }
    }
}
