package io.parcelwatch.scoring;

import io.parcelwatch.schema.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parcelwatch score}: precision, recall and lead/lag of the alerts against ground-truth labels (with
 * {@code --labels}), then the delivery-time predictions of the delivered parcels in the parcels index against
 * their actual delivery, next to two baselines (unless {@code --no-predictions}).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
                "Score what the tracker produced.",
                "1. With --labels: its alerts against ground-truth labels: precision, recall and lag per alert kind, and for"
                        + " PREDICTED_DELAY the median lead time (promise minus alert time).",
                "2. Unless --no-predictions: for the delivered parcels in the parcels index, the predictions kept at pickup,"
                        + " at the halfway hub and at out-for-delivery against the actual delivery time: mean and median absolute"
                        + " error, share of deliveries inside [p10, p90], and delay-prediction accuracy, precision, recall and"
                        + " MCC; next to two baselines (the promised time, and a static average per service level fitted"
                        + " in-sample) and the goals of issue 5 at the halfway point. Needs only the parcels index: works on any"
                        + " stream with promised and actual delivery times, replays included."})
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--labels", description = "Labels file (JSON Lines, the load generator's format). Without it, no alert"
            + " detection table.")
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
    @Option(names = "--parcels-index", defaultValue = "parcels",
            description = "Parcel status index the predictions are read from (default ${DEFAULT-VALUE}).")
    String parcelsIndex;
    @Option(names = "--late-threshold", defaultValue = "" + PredictionScore.DEFAULT_LATE_THRESHOLD,
            description = "The tracker predicts a delay when a prediction's lateProbability is at least this (0..1, default ${DEFAULT-VALUE}).")
    double lateThreshold;
    @Option(names = "--no-predictions", description = "Do not read the parcels index: no prediction table, no lead time.")
    boolean noPredictions;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A HUB_LOSS alert within this much of its label's window still counts (the window edges are fuzzy by nature). */
    static final Duration HUB_SLACK = Duration.ofHours(6);

    @Override
    public Integer call() throws Exception {
        if (labels == null && noPredictions) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Nothing to score: give --labels, or leave out --no-predictions");
        }
        if (!(lateThreshold >= 0 && lateThreshold <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--late-threshold must be between 0 and 1");
        }
        if (!source.equals("kafka") && !source.equals("elasticsearch")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from must be kafka or elasticsearch");
        }
        var out = spec.commandLine().getOut();
        List<Delivery> deliveries = noPredictions ? List.of() : DeliveryReader.fromElasticsearch(elasticsearch, parcelsIndex);

        if (labels != null) {
            List<GroundTruth.Label> truth = GroundTruth.read(labels);
            List<Alert> alerts = source.equals("kafka")
                    ? AlertReader.fromKafka(bootstrapServers, topic, Duration.ofSeconds(60))
                    : AlertReader.fromElasticsearch(elasticsearch, index);
            Map<String, Instant> promises = new HashMap<>();
            for (Delivery d : deliveries) {
                if (d.parcelId() != null && d.promisedAt() != null) {
                    promises.put(d.parcelId(), d.promisedAt());
                }
            }
            Map<String, DetectionScore.KindScore> scores = DetectionScore.score(truth, alerts, HUB_SLACK, promises);
            out.printf("%d labels from %s, %d alert records from %s%n%n", truth.size(), labels, alerts.size(),
                    source.equals("kafka") ? "topic " + topic : "index " + index);
            out.print(DetectionScore.table(scores, !noPredictions));
            out.println();
            out.println("Lag = alert event time - label start (for silences that includes the stage limit by definition).");
            if (!noPredictions) {
                out.println("Lead = promised time (index " + parcelsIndex + ", delivered parcels) - event time of the alert that"
                        + " detected the label: how long before the promise the alert came.");
            }
            out.println();
        }
        if (!noPredictions) {
            out.print(PredictionTable.format(PredictionScore.score(deliveries, lateThreshold), "index " + parcelsIndex));
        }
        out.flush();
        return 0;
    }
}
