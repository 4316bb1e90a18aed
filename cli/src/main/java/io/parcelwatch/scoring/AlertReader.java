package io.parcelwatch.scoring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every alert the tracker emitted, from the alerts topic or from the alerts index. */
public final class AlertReader {
    private AlertReader() {}

    /** All records of {@code topic}, from the beginning to the end offsets at the time of the call. */
    public static List<Alert> fromKafka(String bootstrapServers, String topic, Duration timeout) {
        List<Alert> alerts = new ArrayList<>();
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false",
                "default.api.timeout.ms", (int) timeout.toMillis());
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            AvroCodec<Alert> codec = AvroCodec.alerts();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Reading " + topic + " from " + bootstrapServers + " took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        alerts.add(codec.decode(record.value()));
                    } catch (AvroDecodeException e) {
                        throw new IllegalStateException("Record " + record.partition() + "@" + record.offset() + " of " + topic
                                + " is not an alert: " + e.getMessage(), e);
                    }
                }
            }
        }
        return alerts;
    }

    /**
     * Every alert document of {@code index}, as a raised alert at its {@code raisedAt} time (the index
     * keeps one document per alert, whose status may since have become RESOLVED).
     */
    public static List<Alert> fromElasticsearch(String host, String index) throws java.io.IOException {
        List<Alert> alerts = new ArrayList<>();
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(host))) {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<JsonNode> page = client.search(s -> {
                    s.index(index).size(1000).sort(o -> o.field(f -> f.field("alertId").order(SortOrder.Asc)));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, JsonNode.class);
                List<Hit<JsonNode>> hits = page.hits().hits();
                for (Hit<JsonNode> hit : hits) {
                    JsonNode d = hit.source();
                    alerts.add(Alert.newBuilder()
                            .setAlertId(d.path("alertId").asText())
                            .setKind(AlertKind.valueOf(d.path("kind").asText()))
                            .setStatus(AlertStatus.RAISED)
                            .setParcelId(d.hasNonNull("parcelId") ? d.get("parcelId").asText() : null)
                            .setFacilityId(d.hasNonNull("facilityId") ? d.get("facilityId").asText() : null)
                            .setEventTime(Instant.parse(d.path("raisedAt").asText()))
                            .setEmittedAt(Instant.parse(d.path("emittedAt").asText()))
                            .setSummary(d.path("summary").asText())
                            .build());
                }
                if (hits.size() < 1000) {
                    return alerts;
                }
                after = hits.getLast().sort();
            }
        }
    }
}
