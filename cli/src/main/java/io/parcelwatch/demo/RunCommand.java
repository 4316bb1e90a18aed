package io.parcelwatch.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.CommonStatsFlag;
import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.generator.cli.GeneratorCli;
import io.parcelwatch.io.KafkaTopics;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.elasticsearch.IndexTemplates;
import io.parcelwatch.localstack.LocalStackCli;
import io.parcelwatch.localstack.StackState;
import io.parcelwatch.privacy.PersonalData;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.scoring.AlertReader;
import io.parcelwatch.scoring.DeliveryReader;
import io.parcelwatch.scoring.DetectionScore;
import io.parcelwatch.scoring.PredictionScore;
import io.parcelwatch.scoring.PredictionTable;
import io.parcelwatch.scoring.GroundTruth;
import io.parcelwatch.tracking.ParcelDocument;
import io.parcelwatch.tracking.TrackerJob;
import io.parcelwatch.tracking.TrackingRules;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./parcelwatch run}: everything locally, then what happened. Starts the local stack, runs the
 * tracker job in a local Flink mini cluster, feeds it a small synthetic network's scans with known
 * anomalies, waits until the job has caught up, and shows the result from Elasticsearch and Kafka.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run ParcelWatch locally on a small synthetic stream and show what happened.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--home", defaultValue = "${env:PW_HOME:-.pw}", description = "Data, logs and state (default ${DEFAULT-VALUE}).")
    Path home;
    @Option(names = "--kafka-port", defaultValue = "${env:PW_KAFKA_PORT:-9092}", description = "Local Kafka port (default ${DEFAULT-VALUE}).")
    int kafkaPort;
    @Option(names = "--es-port", defaultValue = "${env:PW_ES_PORT:-9200}", description = "Local Elasticsearch port (default ${DEFAULT-VALUE}).")
    int esPort;
    @Option(names = "--scenario", defaultValue = "small",
            description = "Load generator scenario: small (12 hubs, 2,000 parcels), default (43 hubs, 100,000 parcels) or clean "
                    + "(default ${DEFAULT-VALUE}).")
    String scenario;
    @Option(names = "--parcels", description = "Parcels to simulate (default: the scenario's).")
    Long parcels;
    @Option(names = "--rate", defaultValue = "5000", description = "Events per second sent to Kafka (default ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the tracker job (default ${DEFAULT-VALUE}).")
    int parallelism;
    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--start", paramLabel = "TIME", description = "Simulated start (ISO-8601, e.g. 2026-11-24T10:00:00Z); "
            + "the same seed and start give the same stream (default: so that the stream ends about now).")
    String start;
    @Option(names = "--catch-up-timeout", defaultValue = "300", description = "Seconds to wait for the job to catch up (default ${DEFAULT-VALUE}).")
    int catchUpSeconds;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final List<String> TOPICS = List.of("scans", "complaints", "alerts", "dead-letters");
    /** Partitions of the topics run creates: as many as the load generator gives its own by default. */
    static final int SCAN_PARTITIONS = io.parcelwatch.generator.output.KafkaSettings.defaults("").partitions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path homeDir = home.toAbsolutePath().normalize();
        step(out, "1/5 Local stack");
        CommandLine stackCli = new CommandLine(new LocalStackCli());
        stackCli.setOut(out);
        int started = stackCli.execute("start", "--home", homeDir.toString(), "--kafka-port", Integer.toString(kafkaPort),
                "--es-port", Integer.toString(esPort));
        if (started != 0) {
            return started;
        }
        StackState stack = StackState.read(homeDir.resolve("local-stack")).orElseThrow();
        String kafka = stack.kafkaBootstrapServers();
        String es = stack.elasticsearchUri();

        step(out, "2/5 Fresh demo data");
        resetDemoData(kafka, es, out);
        Path runDir = homeDir.resolve("demo");
        String hmacKey = HmacKeyFile.load(homeDir);
        TrackerSettings settings = TrackerSettings.defaults(hmacKey.getBytes(StandardCharsets.UTF_8),
                        homeDir.resolve("checkpoints").resolve("demo-" + System.currentTimeMillis()).toUri().toString())
                .withKafka(kafka).withElasticsearch(List.of(es)).withCheckpointInterval(Duration.ofSeconds(3))
                .withParallelism(parallelism);
        IndexTemplates.install(settings.elasticsearchHosts(), IndexTemplates.NAMES);
        // The job's outputs exist and are served before it starts: an idempotent producer's first
        // records to a partition that is still being created can stall until they expire (KAFKA-15591).
        for (String line : KafkaTopics.ensure(kafka, TrackerJob.topics(settings), SCAN_PARTITIONS, -1, "parcelwatch-run-admin")) {
            out.println(line);
        }

        step(out, "3/5 Tracker job (Flink mini cluster, parallelism " + settings.parallelism() + ")");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TrackerJob.flinkConfiguration(settings));
        TrackerJob.build(env, settings);
        JobClient job = env.executeAsync("ParcelWatch tracker (demo)");
        out.println("Job " + job.getJobID() + " is running; it reads 'scans' and writes to 'parcels', 'alerts' and 'dead-letters'.");
        try {
            step(out, "4/5 Load generator: scenario " + scenario + (parcels == null ? "" : ", " + parcels + " parcels") + ", at "
                    + rate + " events/s");
            out.flush();
            CommandLine generator = GeneratorCli.commandLine();
            generator.setOut(out);
            List<String> args = new java.util.ArrayList<>(List.of("generate", "--scenario", scenario,
                    "--rate", Integer.toString(rate), "--seed", Long.toString(seed), "--bootstrap-servers", kafka,
                    "--out-dir", runDir.toString()));
            if (parcels != null) {
                args.addAll(List.of("--parcels", Long.toString(parcels)));
            }
            if (start != null) {
                args.addAll(List.of("--start", start));
            }
            int generated = generator.execute(args.toArray(String[]::new));
            if (generated != 0) {
                return generated;
            }
            out.print("Waiting for the tracker to catch up ...");
            out.flush();
            Instant t0 = Instant.now();
            awaitCaughtUp(kafka, settings.scansTopic(), settings.groupId(), Duration.ofSeconds(catchUpSeconds));
            out.printf(" done in %.1f s.%n", Duration.between(t0, Instant.now()).toMillis() / 1000.0);
            // The partitions that ended first hold the watermark back until they count as idle; only then
            // do the deadlines of the stream's last hours (stale and lost parcels) fire. Status writes
            // held back while the job caught up go out at their next look, which comes this often.
            Duration heldWriteCheck = TrackingRules.heldWriteCheck(settings.catchUpFlushInterval());
            Duration settle = settings.idleness().plus(settings.checkpointInterval().multipliedBy(2)).plus(heldWriteCheck);
            out.printf("Letting the watermark pass the end of the stream and the last status writes out (%d s: partitions go idle "
                    + "after %d s, writes held back while catching up go out within %d s of catching up) ...%n",
                    settle.toSeconds(), settings.idleness().toSeconds(), heldWriteCheck.toSeconds());
            out.flush();
            Thread.sleep(settle.toMillis());
        } finally {
            job.cancel().get();
        }

        step(out, "5/5 What happened");
        String[] reportPeriod;
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(es))) {
            DemoReport report = new DemoReport(client, out);
            report.parcelsByStage();
            report.alertsByKind();
            reportPeriod = report.serviceQuality(es);
            out.printf("%nDead letters (bad input, with reasons): %d on topic dead-letters%n", count(kafka, settings.deadLetterTopic()));

            ScanEvent created = firstCreated(kafka, settings.scansTopic());
            if (created != null) {
                out.printf("%nLook a parcel up by number (GET %s/parcels/_doc/%s):%n", es, created.getParcelId());
                report.parcel(created.getParcelId());
                String phone = ((Created) created.getDetails()).getRecipient().getPhone();
                String hash = new PersonalData(hmacKey.getBytes(StandardCharsets.UTF_8)).phoneLookupHash(phone);
                out.printf("%nLook a recipient up by phone %s (HMAC %s...; only the hash is stored):%n  parcels %s%n",
                        PersonalData.maskPhone(phone), hash.substring(0, 12), report.parcelsOfPhoneHash(hash));
            }
        }

        Path labels = runDir.resolve("labels.jsonl");
        out.printf("%nAlerts scored against the generator's ground truth (%s):%n", labels);
        out.print(DetectionScore.table(DetectionScore.score(GroundTruth.read(labels),
                AlertReader.fromKafka(kafka, settings.alertsTopic(), Duration.ofSeconds(60)), Duration.ofHours(6))));
        out.println("(undetectable: labels this bounded stream cannot reveal, e.g. parcels that went silent too close to its end to be"
                + " known lost; they are not counted for recall. A small run has few labels per kind.)");

        out.println();
        out.print(PredictionTable.format(PredictionScore.score(DeliveryReader.fromElasticsearch(es, ParcelDocument.INDEX),
                PredictionScore.DEFAULT_LATE_THRESHOLD), "index " + ParcelDocument.INDEX));

        out.printf("%nQuery it yourself:%n");
        out.printf("  curl '%s/parcels/_search?q=stage:DELIVERED&size=1&pretty'%n", es);
        out.printf("  curl '%s/alerts/_search?q=kind:LOST&pretty'%n", es);
        out.printf("  ./parcelwatch score --labels %s%n", labels);
        if (reportPeriod != null) {
            out.printf("The service-quality report of the run (HTML with charts; --pdf for a PDF):%n  ./parcelwatch report --from %s --to %s%s%n",
                    reportPeriod[0], reportPeriod[1], es.equals("http://127.0.0.1:9200") ? "" : " --es " + es);
        }
        out.println("The stack keeps running: ./parcelwatch stop stops it.");
        return 0;
    }

    private static void step(PrintWriter out, String title) {
        out.printf("%n== %s ==%n", title);
        out.flush();
    }

    /** Deletes what an earlier demo run left, so that this run's figures are its own. */
    private static void resetDemoData(String kafka, String es, PrintWriter out) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> doomed = TOPICS.stream().filter(existing::contains).toList();
            if (!doomed.isEmpty()) {
                admin.deleteTopics(doomed).all().get();
                out.println("Deleted topics of the previous demo run: " + doomed);
            }
            try {
                admin.deleteConsumerGroups(List.of("parcelwatch-tracker")).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                // no such group yet
            }
        }
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(es))) {
            // By name: Elasticsearch refuses to delete by wildcard (action.destructive_requires_name).
            Set<String> indices = client.indices().get(g -> g.index("parcels", "alerts", "kpi-*").ignoreUnavailable(true)
                    .allowNoIndices(true)).indices().keySet();
            for (String index : indices) {
                client.indices().delete(d -> d.index(index));
                out.println("Deleted index of the previous demo run: " + index);
            }
        }
    }

    /** Waits until the job's committed offsets (committed on checkpoints) reach the end of the topic. */
    private static void awaitCaughtUp(String kafka, String topic, String group, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            while (true) {
                Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = partitions.stream().allMatch(p -> committed.get(p) != null
                        && committed.get(p).offset() >= ends.get(p).offset());
                if (caughtUp) {
                    // The last status writes are due within a flush interval, then leave the sink's buffer.
                    Thread.sleep(3000);
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The tracker had not caught up with '" + topic + "' after " + timeout.toSeconds()
                            + " s; see the Flink logs above. Try a larger --catch-up-timeout or a lower --rate.");
                }
                Thread.sleep(1000);
            }
        }
    }

    private static long count(String kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            long total = 0;
            for (var p : description.partitions()) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                total += admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset()
                        - admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
            }
            return total;
        } catch (java.util.concurrent.ExecutionException e) {
            return 0; // the topic was never created: nothing was dead-lettered
        }
    }

    /** The first CREATED scan on the topic: a real parcel and recipient of this run to look up. */
    private static ScanEvent firstCreated(String kafka, String topic) throws Exception {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka, "enable.auto.commit", "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p0 = new TopicPartition(topic, 0);
            consumer.assign(List.of(p0));
            consumer.seekToBeginning(List.of(p0));
            for (int i = 0; i < 20; i++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        ScanEvent event = AvroCodec.scanEvents().decode(record.value());
                        if (event.getType() == ScanType.CREATED && event.getDetails() instanceof Created) {
                            return event;
                        }
                    } catch (io.parcelwatch.io.AvroDecodeException e) {
                        // not a scan: skip
                    }
                }
            }
        }
        return null;
    }
}
