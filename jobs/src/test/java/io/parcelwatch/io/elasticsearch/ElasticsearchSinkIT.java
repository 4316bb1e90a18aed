package io.parcelwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.deadletter.DeadLetters;
import io.parcelwatch.io.elasticsearch.TestDocs.Doc;
import io.parcelwatch.io.elasticsearch.TestDocs.StallAfter;
import io.parcelwatch.io.elasticsearch.ThrottlingProxy.Answer;
import io.parcelwatch.schema.DeadLetter;
import io.parcelwatch.testing.ElasticsearchService;
import io.parcelwatch.testing.KafkaService;
import io.parcelwatch.testing.RealServices;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink in real Flink jobs (a MiniCluster) against the real Elasticsearch node and Kafka
 * broker of the test run.
 */
@ExtendWith(RealServices.class)
class ElasticsearchSinkIT {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(flinkConfiguration())
            .build());

    private static Configuration flinkConfiguration() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        return METRICS.addToConfiguration(config);
    }

    @Test
    void documentsWrittenThroughAFlinkJobLandInElasticsearch(ElasticsearchService es) throws Exception {
        try (ElasticsearchClient client = client(es)) {
            createParcelIndex(client, "it-land-parcels");
            List<Doc> docs = new ArrayList<>(TestDocs.parcels("it-land-parcels", 200, 3));
            for (int i = 0; i < 20; i++) {
                docs.add(Doc.kpi("it-land-kpis-2026.11.20", "hub-" + i + "-2026-11-20T08", 0.9 + i / 1000.0));
            }

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.fromData(docs, TypeInformation.of(Doc.class))
                    .sinkTo(sink(es.uri().toString(), b -> b.setMaxBatchSize(50).setRejectedWriteHandler(RejectedWriteHandler.failJob())));
            JobID job = runToCompletion(env, "es-sink-it-land");

            assertThat(count(client, "it-land-parcels")).isEqualTo(200);
            assertThat(count(client, "it-land-kpis-2026.11.20")).isEqualTo(20);
            GetResponse<ObjectNode> parcel = client.get(g -> g.index("it-land-parcels").id("SF1042"), ObjectNode.class);
            assertThat(parcel.version()).as("the external version is the document's sequence").isEqualTo(3L);
            assertThat(parcel.source().get("stage").asText()).isEqualTo("IN_TRANSIT");
            GetResponse<ObjectNode> kpi = client.get(g -> g.index("it-land-kpis-2026.11.20").id("hub-7-2026-11-20T08"), ObjectNode.class);
            assertThat(kpi.source().get("onTime").asDouble()).isEqualTo(0.907);
            assertThat(counter(job, "documentsWritten")).isEqualTo(220);
            assertThat(counter(job, "documentsRetried")).isZero();
            assertThat(counter(job, "documentsRejected")).isZero();
            assertThat(counter(job, "versionConflicts")).isZero();
        }
    }

    @Test
    void anOlderExternalVersionAfterANewerOneLeavesTheNewerDocumentAndCountsAConflict(ElasticsearchService es) throws Exception {
        try (ElasticsearchClient client = client(es)) {
            createParcelIndex(client, "it-versions");
            List<Doc> docs = List.of(
                    Doc.parcel("it-versions", "SF1", 2, "IN_TRANSIT"),
                    Doc.parcel("it-versions", "SF1", 5, "DELIVERED"),
                    Doc.parcel("it-versions", "SF1", 3, "OUT_FOR_DELIVERY"), // reordered: older than what is stored
                    Doc.parcel("it-versions", "SF1", 5, "DELIVERED"));       // replayed after a restart

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(docs, TypeInformation.of(Doc.class))
                    .sinkTo(sink(es.uri().toString(), b -> b.setRejectedWriteHandler(RejectedWriteHandler.failJob())));
            JobID job = runToCompletion(env, "es-sink-it-versions");

            GetResponse<ObjectNode> stored = client.get(g -> g.index("it-versions").id("SF1"), ObjectNode.class);
            assertThat(stored.version()).isEqualTo(5L);
            assertThat(stored.source().get("stage").asText()).isEqualTo("DELIVERED");
            assertThat(counter(job, "documentsWritten")).isEqualTo(2);
            assertThat(counter(job, "versionConflicts")).isEqualTo(2);
            assertThat(counter(job, "documentsRetried")).isZero();
            assertThat(counter(job, "documentsRejected")).isZero();
        }
    }

    @Test
    void aDocumentBreakingAStrictMappingGoesToTheDeadLetterTopicWhileTheOthersAreWrittenAndTheJobKeepsRunning(
            ElasticsearchService es, KafkaService kafka) throws Exception {
        String topic = "it-dead-letters-strict";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (ElasticsearchClient client = client(es)) {
            createParcelIndex(client, "it-strict");
            String badJson = "{\"parcelId\":\"SF9\",\"stage\":\"IN_TRANSIT\",\"seq\":1,\"bogus\":\"not in the mapping\"}";
            List<Doc> docs = List.of(
                    Doc.parcel("it-strict", "SF1", 1, "IN_TRANSIT"),
                    Doc.parcel("it-strict", "SF2", 1, "IN_TRANSIT"),
                    new Doc("it-strict", "SF9", 1, badJson),
                    Doc.parcel("it-strict", "SF3", 1, "DELIVERED"),
                    Doc.parcel("it-strict", "SF4", 1, "DELIVERED"));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.enableCheckpointing(200);
            DataGeneratorSource<Doc> source = new DataGeneratorSource<>(i -> docs.get(i.intValue()), Long.MAX_VALUE,
                    new StallAfter(docs.size()), TypeInformation.of(Doc.class));
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "five documents, then silence")
                    .sinkTo(sink(es.uri().toString(), b -> b.setDeadLetterKafka(kafka.bootstrapServers(), topic)));
            JobClient job = env.executeAsync("es-sink-it-strict");
            JobID jobId = job.getJobID();
            try {
                ConsumerRecord<byte[], byte[]> record = firstRecord(kafka, topic);
                long checkpointsBefore = gauge(jobId, "numberOfCompletedCheckpoints");
                DeadLetter letter = AvroCodec.deadLetters().decode(record.value());
                assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_ES_SINK);
                assertThat(letter.getReason()).isEqualTo("ES_REJECTED_400_strict_dynamic_mapping_exception");
                assertThat(letter.getMessage()).contains("[it-strict/SF9 v1]").contains("bogus");
                assertThat(new String(bytes(letter.getPayload()), StandardCharsets.UTF_8)).isEqualTo(badJson);
                assertThat(record.key()).isEqualTo("SF9".getBytes(StandardCharsets.UTF_8));

                for (String id : List.of("SF1", "SF2", "SF3", "SF4")) {
                    Poll.until(id + " in Elasticsearch", JOB_TIMEOUT,
                            () -> client.get(g -> g.index("it-strict").id(id), ObjectNode.class).found(), found -> found);
                }
                assertThat(client.get(g -> g.index("it-strict").id("SF9"), ObjectNode.class).found()).isFalse();

                // Checkpoints go on completing: each one flushes the dead-letter producer first.
                Poll.until("two more completed checkpoints", JOB_TIMEOUT,
                        () -> gauge(jobId, "numberOfCompletedCheckpoints"), completed -> completed >= checkpointsBefore + 2);
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
                assertThat(counter(jobId, "documentsRejected")).isEqualTo(1);
                assertThat(counter(jobId, "documentsWritten")).isEqualTo(4);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void throttledAndUnavailableAnswersAreRetriedWithBackoffUntilEverythingIsWritten(ElasticsearchService es) throws Exception {
        try (ElasticsearchClient client = client(es);
             ThrottlingProxy proxy = new ThrottlingProxy(es.uri(), List.of(Answer.TOO_MANY_REQUESTS, Answer.UNAVAILABLE,
                     Answer.FIRST_ITEM_TOO_MANY_REQUESTS), Answer.FORWARD)) {
            createParcelIndex(client, "it-retry");
            List<Doc> docs = TestDocs.parcels("it-retry", 30, 7);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(docs, TypeInformation.of(Doc.class))
                    .sinkTo(sink(proxy.url(), b -> b.setRejectedWriteHandler(RejectedWriteHandler.failJob())));
            JobID job = runToCompletion(env, "es-sink-it-retry");

            assertThat(count(client, "it-retry")).isEqualTo(30);
            for (Doc doc : docs) {
                assertThat(client.get(g -> g.index("it-retry").id(doc.id()), ObjectNode.class).version()).isEqualTo(7L);
            }
            assertThat(proxy.bulkRequests()).as("bulk sizes %s", proxy.bulkSizes()).isGreaterThanOrEqualTo(4);
            assertThat(counter(job, "documentsRetried")).as("bulk sizes %s", proxy.bulkSizes())
                    .isEqualTo(proxy.failedDocuments());
            assertThat(counter(job, "documentsRetried")).isGreaterThanOrEqualTo(3);
            // The item reported as 429 had in fact been written; its retry finds the same version.
            assertThat(counter(job, "versionConflicts")).isEqualTo(1);
            assertThat(counter(job, "documentsWritten")).isEqualTo(29);
            assertThat(counter(job, "documentsRejected")).isZero();
        }
    }

    @Test
    void aForbiddenAnswerFailsTheJobWithAClearMessageInsteadOfRetrying(ElasticsearchService es) throws Exception {
        assertThat(messagesOfTheOnlyRequest(es, Answer.FORBIDDEN, "it-forbidden"))
                .contains("HTTP 403").contains("security_exception").contains("retrying cannot fix this");
    }

    @Test
    void anAnswerThatIsNotElasticsearchsFailsTheJobSayingSoInsteadOfRetrying(ElasticsearchService es) throws Exception {
        assertThat(messagesOfTheOnlyRequest(es, Answer.NOT_ELASTICSEARCH, "it-not-es")).contains("not an Elasticsearch bulk response")
                .contains("HTTP 200");
    }

    /** Runs a job whose every bulk request the proxy answers so; asserts it failed after one request and returns its failure's messages. */
    private static String messagesOfTheOnlyRequest(ElasticsearchService es, Answer answer, String index) throws Exception {
        try (ThrottlingProxy proxy = new ThrottlingProxy(es.uri(), List.of(), answer)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(TestDocs.parcels(index, 5, 1), TypeInformation.of(Doc.class))
                    .sinkTo(sink(proxy.url(), b -> b.setRejectedWriteHandler(RejectedWriteHandler.failJob())));

            Throwable failure = failureOf(env, "es-sink-" + index);

            assertThat(proxy.bulkRequests()).isEqualTo(1);
            return messages(failure);
        }
    }

    @Test
    void anUnreachableHostFailsTheJobAfterTheMaximumRetryDuration() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(TestDocs.parcels("it-unreachable", 5, 1), TypeInformation.of(Doc.class))
                .sinkTo(sink("http://127.0.0.1:" + closedPort, b -> b.setMaxRetryDuration(Duration.ofSeconds(1))
                        .setRejectedWriteHandler(RejectedWriteHandler.failJob())));
        Instant start = Instant.now();

        Throwable failure = failureOf(env, "es-sink-it-unreachable");

        assertThat(messages(failure)).contains("has not accepted").contains("maximum retry duration of PT1S")
                .contains("Connection refused");
        assertThat(Duration.between(start, Instant.now())).isLessThan(JOB_TIMEOUT);
    }

    private static ElasticsearchSink<Doc> sink(String host, UnaryOperator<ElasticsearchSink.Builder<Doc>> settings) {
        return settings.apply(ElasticsearchSink.<Doc>builder()
                        .setHosts(host)
                        .setElementConverter(TestDocs.CONVERTER)
                        .setMaxTimeInBuffer(Duration.ofMillis(100))
                        .setRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)))
                .build();
    }

    private static JobID runToCompletion(StreamExecutionEnvironment env, String name) throws Exception {
        JobClient job = env.executeAsync(name);
        job.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return job.getJobID();
    }

    private static Throwable failureOf(StreamExecutionEnvironment env, String name) throws Exception {
        JobClient job = env.executeAsync(name);
        try {
            job.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e;
        }
        throw new AssertionError("job " + name + " should have failed");
    }

    /** All messages along a cause chain, for asserting on what a person would read. */
    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static long counter(JobID job, String name) {
        return METRICS.findMetrics(job, "\\." + name + "$").values().stream()
                .mapToLong(metric -> ((Counter) metric).getCount()).sum();
    }

    private static long gauge(JobID job, String name) {
        return METRICS.findMetrics(job, "\\." + name + "$").values().stream()
                .mapToLong(ElasticsearchSinkIT::longValue).max().orElse(-1);
    }

    private static long longValue(Metric metric) {
        Object value = ((Gauge<?>) metric).getValue();
        return value instanceof Number number ? number.longValue() : -1;
    }

    private static ElasticsearchClient client(ElasticsearchService es) {
        return ElasticsearchClient.of(b -> b.host(es.uri().toString()));
    }

    private static void createParcelIndex(ElasticsearchClient client, String index) throws IOException {
        client.indices().create(c -> c.index(index).withJson(new StringReader("""
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"dynamic": "strict", "properties": {
                   "parcelId": {"type": "keyword"}, "stage": {"type": "keyword"}, "seq": {"type": "long"}}}}""")));
    }

    private static long count(ElasticsearchClient client, String index) throws IOException {
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    private static ConsumerRecord<byte[], byte[]> firstRecord(KafkaService kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "it-" + topic, "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Poll.until("a dead letter on " + topic, JOB_TIMEOUT, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size();
            }, size -> size > 0);
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
