package io.parcelwatch.scoring;

import io.parcelwatch.schema.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parcelwatch score}: precision, recall and lead/lag of the alerts against the generator's labels. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score the tracker's alerts against ground-truth labels: precision, recall and lag per alert kind.")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--labels", required = true, description = "Labels file (JSON Lines, the load generator's format).")
    Path labels;
    @Option(names = "--from", defaultValue = "kafka", description = "Where the alerts are read: kafka or elasticsearch (default ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--bootstrap-servers", defaultValue = "${env:PW_KAFKA:-127.0.0.1:9092}", description = "Kafka (default ${DEFAULT-VALUE}).")
    String bootstrapServers;
    @Option(names = "--alerts-topic", defaultValue = "alerts", description = "Alerts topic (default ${DEFAULT-VALUE}).")
    String topic;
    @Option(names = "--elasticsearch", defaultValue = "${env:PW_ELASTICSEARCH:-http://127.0.0.1:9200}",
            description = "Elasticsearch (default ${DEFAULT-VALUE}).")
    String elasticsearch;
    @Option(names = "--alerts-index", defaultValue = "alerts", description = "Alerts index (default ${DEFAULT-VALUE}).")
    String index;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A HUB_LOSS alert within this much of its label's window still counts (the window edges are fuzzy by nature). */
    static final Duration HUB_SLACK = Duration.ofHours(6);

    @Override
    public Integer call() throws Exception {
        List<GroundTruth.Label> truth = GroundTruth.read(labels);
        List<Alert> alerts = switch (source) {
            case "kafka" -> AlertReader.fromKafka(bootstrapServers, topic, Duration.ofSeconds(60));
            case "elasticsearch" -> AlertReader.fromElasticsearch(elasticsearch, index);
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--from must be kafka or elasticsearch");
        };
        Map<String, DetectionScore.KindScore> scores = DetectionScore.score(truth, alerts, HUB_SLACK);
        var out = spec.commandLine().getOut();
        out.printf("%d labels from %s, %d alert records from %s%n%n", truth.size(), labels, alerts.size(),
                source.equals("kafka") ? "topic " + topic : "index " + index);
        out.print(DetectionScore.table(scores));
        out.println();
        out.println("Lag = alert event time - label start (for silences that includes the stage limit by definition).");
        return 0;
    }
}
