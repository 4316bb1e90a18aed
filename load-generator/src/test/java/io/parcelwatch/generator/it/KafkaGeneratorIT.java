package io.parcelwatch.generator.it;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.CollectingSink;
import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.cli.GeneratorCli;
import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.generator.output.KafkaSettings;
import io.parcelwatch.generator.output.KafkaSink;
import io.parcelwatch.io.KafkaTopics;
import io.parcelwatch.generator.sim.GeneratorSettings;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.generator.sim.Simulation;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.testing.KafkaService;
import io.parcelwatch.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Generation and replay against a real broker: topics, keys, timestamps, Avro values, per-parcel order. */
@ExtendWith(RealServices.class)
class KafkaGeneratorIT {
    @TempDir
    Path dir;

    /** Sends to Kafka and keeps a copy in memory. */
    private record Tee(EventSink a, CollectingSink b) implements EventSink {
        @Override
        public void scan(ScanEvent event, long arrivalTime) {
            a.scan(event, arrivalTime);
            b.scan(event, arrivalTime);
        }

        @Override
        public void complaint(ComplaintEvent event, long arrivalTime) {
            a.complaint(event, arrivalTime);
            b.complaint(event, arrivalTime);
        }

        @Override
        public void close() {
            a.close();
        }

        @Override
        public String describe() {
            return a.describe();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(KafkaService kafka, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "it-" + topic, "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void generatedEventsArriveKeyedTimestampedAndInEachParcelsOrder(KafkaService kafka) throws Exception {
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "scans-gen-it", "complaints-gen-it", 4, -1, 2, Map.of());
        settings.ensureTopics(List.of(settings.scansTopic(), settings.complaintsTopic()));
        GeneratorSettings gen = TestRun.settings(Scenario.DEFAULT, 1500, 8).withParcelsPerHour(300).withDrain(10 * DAY);
        CollectingSink sent = new CollectingSink();
        Tee tee = new Tee(new KafkaSink(settings), sent);
        new Simulation(gen, TestRun.START).run(tee, label -> { }, outcome -> { });
        tee.close();

        List<ScanEvent> sentScans = sent.scans();
        List<ConsumerRecord<byte[], byte[]>> records = consume(kafka, settings.scansTopic(), sentScans.size());
        assertThat(records).hasSize(sentScans.size());
        AvroCodec<ScanEvent> codec = AvroCodec.scanEvents();
        Map<String, List<String>> received = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ScanEvent e = codec.decode(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.getParcelId());
            assertThat(r.timestamp()).isEqualTo(e.getEventTime().toEpochMilli());
            received.computeIfAbsent(e.getParcelId(), k -> new ArrayList<>()).add(e.getEventId() + "/" + e.getRevision());
        }
        Map<String, List<String>> expected = new HashMap<>();
        for (ScanEvent e : sentScans) {
            expected.computeIfAbsent(e.getParcelId(), k -> new ArrayList<>()).add(e.getEventId() + "/" + e.getRevision());
        }
        assertThat(received).isEqualTo(expected);

        List<ComplaintEvent> sentComplaints = sent.complaints();
        List<ConsumerRecord<byte[], byte[]>> complaints = consume(kafka, settings.complaintsTopic(), sentComplaints.size());
        assertThat(complaints).hasSize(sentComplaints.size());
        AvroCodec<ComplaintEvent> complaintCodec = AvroCodec.complaintEvents();
        for (ConsumerRecord<byte[], byte[]> r : complaints) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(complaintCodec.decode(r.value()).getComplaintId());
        }

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(settings.scansTopic())).allTopicNames().get().get(settings.scansTopic()).partitions()).hasSize(4);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.scansTopic());
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("message.timestamp.after.max.ms").value()).isEqualTo(Long.toString(Long.MAX_VALUE));
            assertThat(config.get("message.timestamp.before.max.ms").value()).isEqualTo(Long.toString(Long.MAX_VALUE));
        }
    }

    @Test
    void theCliRecordsToAFileAndReplaysItToKafkaInEachParcelsOrder(KafkaService kafka) throws Exception {
        Path out = dir.resolve("run");
        CommandLineRun generate = CommandLineRun.of("generate", "--scenario", "small", "--parcels", "400", "--output", "jsonl",
                "--out-dir", out.toString(), "--start", "2026-11-20T00:00:00Z", "--quiet");
        assertThat(generate.exitCode).as(generate.err).isZero();
        CommandLineRun replay = CommandLineRun.of("replay", out.resolve("events.jsonl").toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--scans-topic", "scans-replay-it", "--complaints-topic", "complaints-replay-it",
                "--sender-threads", "2", "--quiet");
        assertThat(replay.exitCode).as(replay.err).isZero();

        List<String> lines = java.nio.file.Files.readAllLines(out.resolve("events.jsonl"));
        Map<String, List<String>> expected = new HashMap<>();
        int scans = 0;
        for (String line : lines) {
            if (line.contains("\"record\":\"scan\"")) {
                var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                expected.computeIfAbsent(node.get("parcelId").asText(), k -> new ArrayList<>())
                        .add(node.get("eventId").asText() + "/" + node.get("revision").asInt());
                scans++;
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = consume(kafka, "scans-replay-it", scans);
        assertThat(records).hasSize(scans);
        AvroCodec<ScanEvent> codec = AvroCodec.scanEvents();
        Map<String, List<String>> received = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ScanEvent e = codec.decode(r.value());
            received.computeIfAbsent(e.getParcelId(), k -> new ArrayList<>()).add(e.getEventId() + "/" + e.getRevision());
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    void theCliGeneratesToKafka(KafkaService kafka) {
        CommandLineRun r = CommandLineRun.of("generate", "--scenario", "small", "--parcels", "200", "--bootstrap-servers",
                kafka.bootstrapServers(), "--scans-topic", "scans-cli-it", "--complaints-topic", "complaints-cli-it", "--out-dir",
                dir.toString(), "--quiet");
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.err).contains("created topic 'scans-cli-it' (4 partitions");
        assertThat(r.out).contains("Generated", "Kafka " + kafka.bootstrapServers());
    }

    static final class CommandLineRun {
        int exitCode;
        String out;
        String err;

        static CommandLineRun of(String... args) {
            var cli = GeneratorCli.commandLine();
            var out = new java.io.StringWriter();
            var err = new java.io.StringWriter();
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            CommandLineRun r = new CommandLineRun();
            r.exitCode = cli.execute(args);
            r.out = out.toString();
            r.err = err.toString();
            return r;
        }
    }
}
