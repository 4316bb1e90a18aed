package io.parcelwatch.config;

import io.parcelwatch.alerts.HubLossRules;
import io.parcelwatch.eta.EtaSettings;
import io.parcelwatch.kpi.KpiSettings;
import io.parcelwatch.tracking.TrackingRules;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything the tracker job can be told, in one typed place. {@link io.parcelwatch.tracking.TrackerMain}
 * fills it from flags and environment variables; tests build it directly.
 *
 * @param bootstrapServers    Kafka brokers
 * @param scansTopic          scan events in (Avro single-object encoding, key = parcel number, record timestamp = event time)
 * @param alertsTopic         alerts out (key = alert id)
 * @param deadLetterTopic     input that could not be used, and documents Elasticsearch rejected for good
 * @param groupId             Kafka consumer group; offsets are committed on checkpoints, for monitoring only
 * @param fromEarliest        where to start when the group has no committed offsets: earliest (true) or latest
 * @param elasticsearchHosts  Elasticsearch HTTP endpoints
 * @param maxOutOfOrderness   how late (event time) a scan may arrive and still be in order for the watermark
 * @param idleness            a partition with no records for this long stops holding the watermark back
 * @param flushInterval       a parcel's status document is written at most once per interval (zero: at every change)
 * @param catchUpFlushInterval how far the flush interval stretches while the job works off a backlog or
 *                            Elasticsearch cannot keep up: fewer, fuller writes while documents are behind anyway
 * @param checkpointInterval  exactly-once checkpoints, incremental in RocksDB
 * @param checkpointDir       where checkpoints go (a file:// or other Flink file system URI)
 * @param parallelism         operator parallelism
 * @param hmacKey             key of the phone-lookup hash (at least 16 bytes)
 * @param retention           how long a parcel's state is kept after its final status
 * @param hubLoss             when a hub counts as losing parcels (HUB_LOSS alerts)
 * @param eta                 delivery-time prediction: learning, priors, PREDICTED_DELAY thresholds
 * @param kpi                 service-quality KPIs and complaint deadlines: the complaints topic, windows, warnings
 */
public record TrackerSettings(
        String bootstrapServers, String scansTopic, String alertsTopic, String deadLetterTopic, String groupId,
        boolean fromEarliest, List<String> elasticsearchHosts, Duration maxOutOfOrderness, Duration idleness,
        Duration flushInterval, Duration catchUpFlushInterval, Duration checkpointInterval, String checkpointDir, int parallelism, byte[] hmacKey,
        Duration retention, StageLimits stageLimits, ColdChain coldChain, HubLossRules hubLoss, EtaSettings eta,
        KpiSettings kpi)
        implements Serializable {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_ES = "http://127.0.0.1:9200";

    /** Defaults for a local run; the HMAC key has none and must be given. */
    public static TrackerSettings defaults(byte[] hmacKey, String checkpointDir) {
        return new TrackerSettings(DEFAULT_BOOTSTRAP, "scans", "alerts", "dead-letters", "parcelwatch-tracker", true,
                List.of(DEFAULT_ES), Duration.ofMinutes(5), Duration.ofSeconds(30),
                TrackingRules.DEFAULT_FLUSH_INTERVAL, TrackingRules.DEFAULT_CATCH_UP_FLUSH_INTERVAL, Duration.ofSeconds(10), checkpointDir, 2, hmacKey, Duration.ofDays(2), StageLimits.defaults(), ColdChain.defaults(),
                HubLossRules.defaults(), EtaSettings.defaults(), KpiSettings.defaults());
    }

    public TrackerSettings withKafka(String servers) {
        return new TrackerSettings(servers, scansTopic, alertsTopic, deadLetterTopic, groupId, fromEarliest, elasticsearchHosts,
                maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, checkpointInterval, checkpointDir, parallelism, hmacKey, retention,
                stageLimits, coldChain, hubLoss, eta, kpi);
    }

    public TrackerSettings withElasticsearch(List<String> hosts) {
        return new TrackerSettings(bootstrapServers, scansTopic, alertsTopic, deadLetterTopic, groupId, fromEarliest, hosts,
                maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, checkpointInterval, checkpointDir, parallelism, hmacKey, retention,
                stageLimits, coldChain, hubLoss, eta, kpi);
    }

    public TrackerSettings withKpi(KpiSettings newKpi) {
        return new TrackerSettings(bootstrapServers, scansTopic, alertsTopic, deadLetterTopic, groupId, fromEarliest,
                elasticsearchHosts, maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, checkpointInterval, checkpointDir, parallelism,
                hmacKey, retention, stageLimits, coldChain, hubLoss, eta, newKpi);
    }

    public TrackerSettings withTopics(String scans, String alerts, String deadLetters) {
        return new TrackerSettings(bootstrapServers, scans, alerts, deadLetters, groupId, fromEarliest, elasticsearchHosts,
                maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, checkpointInterval, checkpointDir, parallelism, hmacKey, retention,
                stageLimits, coldChain, hubLoss, eta, kpi);
    }

    public TrackerSettings withParallelism(int newParallelism) {
        return new TrackerSettings(bootstrapServers, scansTopic, alertsTopic, deadLetterTopic, groupId, fromEarliest,
                elasticsearchHosts, maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, checkpointInterval, checkpointDir, newParallelism,
                hmacKey, retention, stageLimits, coldChain, hubLoss, eta, kpi);
    }

    public TrackerSettings withCheckpointInterval(Duration interval) {
        return new TrackerSettings(bootstrapServers, scansTopic, alertsTopic, deadLetterTopic, groupId, fromEarliest,
                elasticsearchHosts, maxOutOfOrderness, idleness, flushInterval, catchUpFlushInterval, interval, checkpointDir, parallelism, hmacKey,
                retention, stageLimits, coldChain, hubLoss, eta, kpi);
    }
}
