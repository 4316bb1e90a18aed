package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.elasticsearch.IndexTemplates;
import io.parcelwatch.kpi.KpiSettings;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ComplaintReason;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.DeadLetter;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import io.parcelwatch.testing.ElasticsearchService;
import io.parcelwatch.testing.KafkaService;
import io.parcelwatch.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.client.program.ClusterClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tracker job in a Flink mini cluster against the real Kafka broker and Elasticsearch node. */
@ExtendWith(RealServices.class)
class TrackerJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(new Configuration()).build());

    static final byte[] HMAC_KEY = "integration-test-hmac-key".getBytes(StandardCharsets.UTF_8);
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path checkpoints;

    TrackerSettings settings(KafkaService kafka, ElasticsearchService es, String suffix) throws Exception {
        TrackerSettings s = TrackerSettings.defaults(HMAC_KEY, checkpoints.toUri().toString())
                .withKafka(kafka.bootstrapServers())
                .withElasticsearch(List.of(es.uri().toString()))
                .withTopics("scans-" + suffix, "alerts-" + suffix, "dead-letters-" + suffix)
                .withCheckpointInterval(Duration.ofSeconds(2))
                .withKpi(KpiSettings.defaults().withComplaintsTopic("complaints-" + suffix));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(s.scansTopic(), 2, (short) 1), new NewTopic(s.alertsTopic(), 1, (short) 1),
                    new NewTopic(s.deadLetterTopic(), 1, (short) 1), new NewTopic(s.kpi().complaintsTopic(), 1, (short) 1))).all().get();
        }
        IndexTemplates.install(s.elasticsearchHosts(), IndexTemplates.NAMES);
        return s;
    }

    static void produce(TrackerSettings s, List<ScanEvent> events, List<byte[]> garbage) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", s.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ScanEvent e : events) {
                producer.send(new ProducerRecord<>(s.scansTopic(), null, e.getEventTime().toEpochMilli(),
                        e.getParcelId().getBytes(StandardCharsets.UTF_8), AvroCodec.scanEvents().encode(e)));
            }
            for (byte[] bad : garbage) {
                producer.send(new ProducerRecord<>(s.scansTopic(), "P-bad".getBytes(StandardCharsets.UTF_8), bad));
            }
            producer.flush();
        }
    }

    static void produceComplaints(TrackerSettings s, List<ComplaintEvent> events, List<byte[]> garbage) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", s.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ComplaintEvent e : events) {
                producer.send(new ProducerRecord<>(s.kpi().complaintsTopic(), null, e.getEventTime().toEpochMilli(),
                        e.getComplaintId().getBytes(StandardCharsets.UTF_8), AvroCodec.complaintEvents().encode(e)));
            }
            for (byte[] bad : garbage) {
                producer.send(new ProducerRecord<>(s.kpi().complaintsTopic(), "C-bad".getBytes(StandardCharsets.UTF_8), bad));
            }
            producer.flush();
        }
    }

    static ComplaintEvent complaint(String id, String parcelId, ComplaintEventType type, double hours) {
        return ComplaintEvent.newBuilder().setEventId(id + "-" + type).setComplaintId(id).setParcelId(parcelId).setType(type)
                .setEventTime(Scans.at(hours)).setReason(ComplaintReason.LOCKER_WITHOUT_CONSENT)
                .setResponseDeadline(type == ComplaintEventType.OPENED ? Scans.at(hours + 24) : null).setRegionId("BJ").build();
    }

    static JobID start(ClusterClient<?> flink, TrackerSettings s, String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TrackerJob.flinkConfiguration(s));
        TrackerJob.build(env, s);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return flink.submitJob(graph).get();
    }

    static ElasticsearchClient client(ElasticsearchService es) {
        return ElasticsearchClient.of(b -> b.host(es.uri().toString()));
    }

    static JsonNode parcel(ElasticsearchClient client, String id) throws Exception {
        var response = client.get(g -> g.index("parcels").id(id), JsonNode.class);
        return response.found() ? response.source() : null;
    }

    static List<String> rawDocuments(ElasticsearchClient client, String indices) throws Exception {
        client.indices().refresh(r -> r.index(indices));
        SearchResponse<JsonNode> all = client.search(s -> s.index(indices).size(1000), JsonNode.class);
        List<String> docs = new ArrayList<>();
        for (Hit<JsonNode> hit : all.hits().hits()) {
            docs.add(hit.source().toString());
        }
        return docs;
    }

    static <T> List<T> consume(String servers, String topic, int atLeast, java.util.function.Function<byte[], T> decode) {
        List<T> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", servers, "group.id", "check-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(decode.apply(r.value())));
                return out.size() >= atLeast;
            });
        }
        return out;
    }

    @Test
    void statusAlertsAndDeadLettersFlowEndToEndWithoutPersonalDataInElasticsearch(KafkaService kafka, ElasticsearchService es,
            @InjectClusterClient ClusterClient<?> flink) throws Exception {
        TrackerSettings s = settings(kafka, es, "e2e");
        Scans a = new Scans("E2E-A");
        Scans b = new Scans("E2E-B");
        ScanEvent aArrived = a.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH");
        List<ScanEvent> events = List.of(
                a.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, true), a.scan(ScanType.PICKED_UP, 1, "OUT-SH-1"),
                a.delivered(20, DeliveryMethod.LOCKER, false), aArrived, aArrived, // late and duplicated
                b.created(0, ServiceLevel.STANDARD, ParcelCategory.FRESH, false), b.scan(ScanType.PICKED_UP, 2, "OUT-SH-1"),
                b.exception(4, ExceptionCode.DAMAGED, "HUB-SH"));
        produce(s, events, List.of("garbage".getBytes(), new byte[0]));
        // C1 is never answered; C2, opened two days later, moves the complaints' watermark past C1's warning time.
        produceComplaints(s, List.of(complaint("C1", "E2E-A", ComplaintEventType.OPENED, 21),
                complaint("C2", "E2E-B", ComplaintEventType.OPENED, 70)), List.of(new byte[] {1, 2, 3}));
        JobID job = start(flink, s, null);
        try (ElasticsearchClient client = client(es)) {
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                JsonNode docA = parcel(client, "E2E-A");
                assertThat(docA).isNotNull();
                assertThat(docA.path("stage").asText()).isEqualTo("DELIVERED");
                assertThat(docA.path("scans").size()).isEqualTo(4);
                assertThat(docA.path("deliveryMethod").asText()).isEqualTo("LOCKER");
                assertThat(docA.path("recipient").path("phoneMasked").asText()).isEqualTo("138****1234");
                JsonNode docB = parcel(client, "E2E-B");
                assertThat(docB).isNotNull();
                assertThat(docB.path("exceptionCodes").toString()).contains("DAMAGED");
                assertThat(docB.path("priorityClaim").asBoolean()).isTrue();
                // Delivery-time prediction end to end: learner, broadcast model, forecaster, document.
                assertThat(docA.path("deliveredAt").asText()).isEqualTo(Scans.at(20).toString());
                assertThat(docA.path("predictionsAt").path("pickup").path("at").asText()).isEqualTo(Scans.at(1).toString());
                assertThat(docA.path("prediction").isMissingNode()).as("delivered: no current prediction").isTrue();
                JsonNode predictedB = docB.path("prediction");
                assertThat(Instant.parse(predictedB.path("p50").asText())).isAfter(Scans.at(2))
                        .isBetween(Instant.parse(predictedB.path("p10").asText()), Instant.parse(predictedB.path("p90").asText()));
                assertThat(predictedB.path("lateProbability").asDouble(-1)).isBetween(0.0, 1.0);
            });
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(rawDocuments(client, "alerts"))
                    .anySatisfy(d -> assertThat(d).contains("LOCKER_WITHOUT_CONSENT:E2E-A:1"))
                    .anySatisfy(d -> assertThat(d).contains("DAMAGED:E2E-B:1"))
                    .anySatisfy(d -> assertThat(d).contains("COMPLAINT_DEADLINE:C1")));
            // KPIs of the first day, for the whole network: two pickups, one delivery (on time, in a locker
            // without consent), one complaint opened.
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                client.indices().refresh(r -> r.index("kpi-*"));
                var day = client.get(g -> g.index("kpi-day-2026").id("day|network|NETWORK|2026-11-20T00:00:00Z"), JsonNode.class);
                assertThat(day.found()).isTrue();
                JsonNode d = day.source();
                assertThat(d.path("pickedUp").asLong()).isEqualTo(2);
                assertThat(d.path("delivered").asLong()).isEqualTo(1);
                assertThat(d.path("onTimeRate").asDouble()).isEqualTo(1.0);
                assertThat(d.path("lockerWithoutConsent").asLong()).isEqualTo(1);
                assertThat(d.path("complaintsOpened").asLong()).isEqualTo(1);
                assertThat(d.path("complaintRatePer10k").asDouble()).isEqualTo(5_000.0);
                var hub = client.get(g -> g.index("kpi-hour-2026.11").id("hour|hub|HUB-SH|2026-11-20T20:00:00Z"), JsonNode.class);
                assertThat(hub.found()).as("the delivery counts for the hub it passed, in its hour").isTrue();
                assertThat(hub.source().path("regionId").asText()).isEqualTo("SH");
            });

            List<String> everything = rawDocuments(client, "parcels,alerts,kpi-*");
            assertThat(everything).isNotEmpty().noneSatisfy(doc -> assertThat(doc)
                    .containsAnyOf(Scans.PHONE, Scans.NAME, "建国路", "88 号"));
        }
        List<Alert> alerts = consume(s.bootstrapServers(), s.alertsTopic(), 2, bytes -> {
            try {
                return AvroCodec.alerts().decode(bytes);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(alerts).extracting(Alert::getKind).contains(AlertKind.LOCKER_WITHOUT_CONSENT, AlertKind.DAMAGED);
        List<DeadLetter> letters = consume(s.bootstrapServers(), s.deadLetterTopic(), 3, bytes -> {
            try {
                return AvroCodec.deadLetters().decode(bytes);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(letters).extracting(DeadLetter::getReason).containsExactlyInAnyOrder("NOT_SINGLE_OBJECT_ENCODING", "EMPTY",
                "NOT_SINGLE_OBJECT_ENCODING");
        flink.cancel(job).get();
    }

    @Test
    void aSavepointOfOneJobInstanceRestoresIntoTheNextWithItsState(KafkaService kafka, ElasticsearchService es,
            @InjectClusterClient ClusterClient<?> flink, @TempDir Path savepoints) throws Exception {
        TrackerSettings s = settings(kafka, es, "savepoint");
        Scans p = new Scans("SP-1");
        produce(s, List.of(p.created(0, ServiceLevel.NEXT_DAY, ParcelCategory.REGULAR, false), p.scan(ScanType.PICKED_UP, 1, "OUT-SH-1")),
                List.of());
        JobID first = start(flink, s, null);
        try (ElasticsearchClient client = client(es)) {
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                JsonNode d = parcel(client, "SP-1");
                assertThat(d).isNotNull();
                assertThat(d.path("version").asLong()).isEqualTo(2);
            });
            await().atMost(PATIENCE).until(() -> Files.list(checkpoints).findAny().isPresent());
            String savepoint = flink.stopWithSavepoint(first, false, savepoints.toUri().toString(),
                    SavepointFormatType.CANONICAL).get();

            produce(s, List.of(p.scan(ScanType.HUB_ARRIVED, 3, "HUB-SH")), List.of());
            JobID second = start(flink, s, savepoint);
            // Only a restored state knows the first two scans; a fresh one would hold one scan at version 1.
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                JsonNode d = parcel(client, "SP-1");
                assertThat(d.path("version").asLong()).isEqualTo(3);
                assertThat(d.path("scans").size()).isEqualTo(3);
                assertThat(d.path("stage").asText()).isEqualTo("AT_HUB");
            });
            flink.cancel(second).get();
        }
    }
}
