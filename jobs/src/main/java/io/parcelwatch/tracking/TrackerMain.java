package io.parcelwatch.tracking;

import io.parcelwatch.common.DurationConverter;
import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.io.KafkaTopics;
import io.parcelwatch.io.elasticsearch.IndexTemplates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the tracker job: on a Flink cluster when submitted there, otherwise in a local mini cluster. */
@Command(name = "tracker", mixinStandardHelpOptions = true,
        description = "ParcelWatch's parcel tracker: live status in Elasticsearch and alerts as they happen.")
public final class TrackerMain implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrackerMain.class);
    @Option(names = "--bootstrap-servers", defaultValue = "${env:PW_KAFKA:-" + TrackerSettings.DEFAULT_BOOTSTRAP + "}",
            description = "Kafka brokers (env PW_KAFKA; default ${DEFAULT-VALUE}).")
    String bootstrapServers;
    @Option(names = "--elasticsearch", split = ",", defaultValue = "${env:PW_ELASTICSEARCH:-" + TrackerSettings.DEFAULT_ES + "}",
            description = "Elasticsearch HTTP endpoints, comma-separated (env PW_ELASTICSEARCH; default ${DEFAULT-VALUE}).")
    List<String> elasticsearch;
    @Option(names = "--scans-topic", defaultValue = "scans", description = "Input topic (default ${DEFAULT-VALUE}).")
    String scansTopic;
    @Option(names = "--alerts-topic", defaultValue = "alerts", description = "Alerts topic (default ${DEFAULT-VALUE}).")
    String alertsTopic;
    @Option(names = "--dead-letter-topic", defaultValue = "dead-letters", description = "Dead-letter topic (default ${DEFAULT-VALUE}).")
    String deadLetterTopic;
    @Option(names = "--hmac-key", defaultValue = "${env:PW_HMAC_KEY}", required = true,
            description = "Key of the phone-lookup hash, 16+ characters (env PW_HMAC_KEY). Keep it secret and stable: changing it changes every hash.")
    String hmacKey;
    @Option(names = "--parallelism", defaultValue = "${env:PW_PARALLELISM:-2}", description = "Parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;
    @Option(names = "--checkpoint-dir", defaultValue = "${env:PW_CHECKPOINT_DIR:-.pw/checkpoints}",
            description = "Checkpoint directory or URI (env PW_CHECKPOINT_DIR; default ${DEFAULT-VALUE}).")
    String checkpointDir;
    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Checkpoint interval (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;
    @Option(names = "--flush-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "A parcel's status document is written at most once per interval (default ${DEFAULT-VALUE}).")
    Duration flushInterval;
    @Option(names = "--catch-up-flush-interval", defaultValue = "5m", converter = DurationConverter.class,
            description = "How far the flush interval stretches while the job works off a backlog or Elasticsearch "
                    + "falls behind: fewer, fuller writes while documents are behind anyway (default ${DEFAULT-VALUE}).")
    Duration catchUpFlushInterval;
    @Option(names = "--max-out-of-orderness", defaultValue = "5m", converter = DurationConverter.class,
            description = "Bounded out-of-orderness of the watermark (default ${DEFAULT-VALUE}).")
    Duration maxOutOfOrderness;
    @Option(names = "--idleness", defaultValue = "30s", converter = DurationConverter.class,
            description = "A silent partition stops holding the watermark back after this (default ${DEFAULT-VALUE}).")
    Duration idleness;
    @Option(names = "--retention", defaultValue = "2d", converter = DurationConverter.class,
            description = "State kept after a parcel's final status (default ${DEFAULT-VALUE}).")
    Duration retention;
    @Option(names = "--topic-partitions", defaultValue = "4",
            description = "Partitions of the topics the tracker creates when they are missing (default ${DEFAULT-VALUE}).")
    int topicPartitions;
    @Option(names = "--late-raise-at", defaultValue = "0.5",
            description = "PREDICTED_DELAY is raised when the predicted probability of missing the promise reaches this (default ${DEFAULT-VALUE}).")
    double lateRaiseAt;
    @Option(names = "--late-resolve-below", defaultValue = "0.3",
            description = "and resolved when it falls below this (default ${DEFAULT-VALUE}).")
    double lateResolveBelow;
    @Option(names = "--complaints-topic", defaultValue = "complaints", description = "Complaint events in (default ${DEFAULT-VALUE}).")
    String complaintsTopic;
    @Option(names = "--kpi-allowed-lateness", defaultValue = "6h", converter = DurationConverter.class,
            description = "A KPI window takes late facts until the watermark is this far past its end; later ones go to "
                    + "the dead-letter topic (default ${DEFAULT-VALUE}).")
    Duration kpiAllowedLateness;
    @Option(names = "--kpi-write-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "A changed KPI window's document is rewritten at most once per interval (default ${DEFAULT-VALUE}).")
    Duration kpiWriteInterval;
    @Option(names = "--complaint-warning", defaultValue = "2h", converter = DurationConverter.class,
            description = "COMPLAINT_DEADLINE is raised this long before an unanswered complaint's deadline (default ${DEFAULT-VALUE}).")
    Duration complaintWarning;
    @Option(names = "--from-latest", description = "With no committed offsets, start at the end of the topic instead of the beginning.")
    boolean fromLatest;

    @Override
    public Integer call() throws Exception {
        TrackerSettings defaults = TrackerSettings.defaults(hmacKey.getBytes(StandardCharsets.UTF_8), checkpointUri());
        TrackerSettings settings = new TrackerSettings(bootstrapServers, scansTopic, alertsTopic, deadLetterTopic,
                defaults.groupId(), !fromLatest, elasticsearch, maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, checkpointInterval,
                checkpointUri(), parallelism, hmacKey.getBytes(StandardCharsets.UTF_8), retention, defaults.stageLimits(),
                defaults.coldChain(), defaults.hubLoss(), defaults.eta().withThresholds(lateRaiseAt, lateResolveBelow),
                defaults.kpi().withComplaintsTopic(complaintsTopic).withTimes(kpiAllowedLateness, kpiWriteInterval, complaintWarning));
        if (settings.hmacKey().length < 16) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--hmac-key must be at least 16 characters");
        }
        IndexTemplates.install(settings.elasticsearchHosts(), IndexTemplates.NAMES);
        // Outputs served before the job starts: an idempotent producer's first records to a partition
        // still being created can stall until they expire (KAFKA-15591).
        for (String line : KafkaTopics.ensure(settings.bootstrapServers(),
                TrackerJob.topics(settings), topicPartitions, -1,
                "parcelwatch-tracker-admin")) {
            LOG.info("{}", line);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TrackerJob.flinkConfiguration(settings));
        TrackerJob.build(env, settings);
        env.execute("ParcelWatch tracker");
        return 0;
    }

    private String checkpointUri() {
        return checkpointDir.contains("://") ? checkpointDir : Path.of(checkpointDir).toAbsolutePath().toUri().toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrackerMain()).execute(args));
    }
}
