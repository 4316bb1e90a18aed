package io.parcelwatch.tracking;

import io.parcelwatch.alerts.AlertDocument;
import io.parcelwatch.alerts.HubLossDetector;
import io.parcelwatch.alerts.HubLossParcelLink;
import io.parcelwatch.alerts.HubMovement;
import io.parcelwatch.alerts.AlertMessage;
import io.parcelwatch.complaints.ComplaintDecoder;
import io.parcelwatch.complaints.ComplaintTracker;
import io.parcelwatch.complaints.ScanClock;
import io.parcelwatch.complaints.ValidComplaint;
import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.eta.DeliveryForecaster;
import io.parcelwatch.eta.ModelBroadcast;
import io.parcelwatch.eta.ModelUpdate;
import io.parcelwatch.eta.StepLearner;
import io.parcelwatch.eta.StepObservation;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.elasticsearch.DocumentWrite;
import io.parcelwatch.io.elasticsearch.ElasticsearchSink;
import io.parcelwatch.io.kafka.KafkaRecord;
import io.parcelwatch.io.kafka.KafkaRecordSchema;
import io.parcelwatch.io.kafka.KafkaSinks;
import io.parcelwatch.kpi.FactScopes;
import io.parcelwatch.kpi.KpiFact;
import io.parcelwatch.kpi.KpiWindows;
import io.parcelwatch.kpi.KpiWrite;
import io.parcelwatch.kpi.LateFactLetters;
import io.parcelwatch.kpi.ScopedFact;
import io.parcelwatch.schema.Alert;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The parcel tracker job: scans from Kafka → decode and validate (bad input to the dead-letter topic) →
 * per-parcel tracking keyed by parcel number (RocksDB; a parcel's status written at most once per flush
 * interval) → status documents to Elasticsearch,
 * and alerts to Kafka and Elasticsearch. Every stateful operator has a stable uid, so savepoints restore
 * across versions.
 */
public final class TrackerJob {
    public static final String UID_SOURCE = "scans-source";
    public static final String UID_DECODER = "scan-decoder";
    public static final String UID_TRACKER = "parcel-tracker";
    public static final String UID_PARCELS_SINK = "parcels-es-sink";
    public static final String UID_ALERTS_KAFKA = "alerts-kafka-sink";
    public static final String UID_ALERTS_ES = "alerts-es-sink";
    public static final String UID_DEAD_LETTERS = "dead-letters-kafka-sink";
    public static final String UID_HUB_LINK = "hub-loss-parcel-link";
    public static final String UID_HUB_LOSS = "hub-loss-detector";
    public static final String UID_STEP_LEARNER = "step-learner";
    public static final String UID_FORECASTER = "delivery-forecaster";
    public static final String UID_COMPLAINTS_SOURCE = "complaints-source";
    public static final String UID_COMPLAINT_DECODER = "complaint-decoder";
    public static final String UID_COMPLAINT_TRACKER = "complaint-tracker";
    public static final String UID_KPI_WINDOWS = "kpi-windows";
    public static final String UID_KPI_SINK = "kpi-es-sink";
    /**
     * Bulk requests of status documents in flight per sink subtask. One at a time left Elasticsearch a
     * single write thread's worth of work while the job waited on it (measured: a full sink buffer, the
     * node at 70% of one core); status writes are versioned, so their order on the wire does not matter.
     */
    static final int STATUS_BULKS_IN_FLIGHT = 3;
    /**
     * How long a status document may wait in the sink for a fuller bulk request. The tracker has already
     * coalesced each parcel's writes, so this only batches documents of different parcels; at the sink's
     * one-second default it was up to a second of the scan-to-visible delay while the job kept up. While
     * catching up, bulks fill to their size limit long before this.
     */
    static final Duration STATUS_MAX_TIME_IN_BUFFER = Duration.ofMillis(100);
    /**
     * Status documents a sink subtask holds before it pushes back on the forecaster and the tracker: two bulks' worth.
     * The sink's default of 10,000 is ten seconds of a subtask's live documents at 1,000 a second, one more queue between
     * a scan and its visibility once the sink is saturated. In a live run just past what the machine sustained (2,800
     * events/s, the sink busy all the time) scans took 5-25 s to show while the Kafka lag stayed under two seconds of
     * input; with this bound, in the next run at the same rate, 1-15 s (p50 2.8 s against 5.8 s, p99 14 s against 25 s:
     * one pair of runs on a shared machine). Catching up, the bulks fill to their size anyway.
     */
    static final int STATUS_MAX_BUFFERED = 2 * ElasticsearchSink.DEFAULT_MAX_BATCH_SIZE;
    /**
     * How long a record may wait in a network buffer that is not full, on a scan's way to Elasticsearch (Flink's default,
     * which the job's other exchanges keep: 100 ms). A scan crosses two exchanges there (to the tracker, then to the
     * forecaster), each adding up to this while the job keeps up; while catching up the buffers fill long before it.
     * Only those two operators' outputs flush this often: every output of every task has a flusher thread waking at its
     * timeout, and with 20 ms everywhere they took 7.5 % of the benchmark JVM's CPU.
     */
    static final long NETWORK_BUFFER_TIMEOUT_MILLIS = 20;
    /** Managed memory of a local mini cluster (RocksDB's cache and write buffers), shared by its slots. */
    static final String LOCAL_MANAGED_MEMORY = "768m";
    /** Operator names, as Flink's metrics and web UI show them. */
    public static final String NAME_TRACKER = "track parcels";
    public static final String NAME_PARCELS_SINK = "parcel status to Elasticsearch";
    public static final String NAME_FORECASTER = "predict delivery";
    public static final String NAME_ALERTS_ES = "alerts to Elasticsearch";
    public static final String NAME_KPI_WINDOWS = "aggregate KPIs";

    private TrackerJob() {}

    /** Flink configuration the job expects: RocksDB with incremental, exactly-once, unaligned checkpoints. */
    public static Configuration flinkConfiguration(TrackerSettings settings) {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.dir", settings.checkpointDir());
        conf.setString("execution.checkpointing.interval", settings.checkpointInterval().toMillis() + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        // Barriers overtake the records queued in network buffers instead of waiting behind them. An aligned barrier
        // holds back every input it has passed until it has passed them all, so a checkpoint that takes seconds in a slow
        // stretch adds those seconds to a scan's way to Elasticsearch. Live benchmark runs at 2,600 events/s, alternated
        // (see benchmarks/tracker/README.md): p99 scan-to-visible 1.11-1.59 s with this, 1.07-2.94 s without; the slowest
        // checkpoint of a run at most 1.4 s against 2.4 s. The buffers a checkpoint then also stores were about 16 KB.
        conf.setString("execution.checkpointing.unaligned.enabled", "true");
        // Timers in RocksDB too, so that millions of in-flight parcels never press on the heap.
        conf.setString("state.backend.rocksdb.timer-service.factory", "ROCKSDB");
        // RocksDB's block cache and write buffers come out of managed memory. A local mini cluster
        // has 128 MiB by default, far less than the state of a few hundred thousand parcels: reads
        // then miss the cache and probe many level-0 files (measured: the tracker slowed from 9k to
        // 2.6k scans/s as its state grew). A real cluster takes this from its TaskManager
        // configuration instead; this setting only sizes the local one.
        conf.setString("taskmanager.memory.managed.size", LOCAL_MANAGED_MEMORY);
        conf.setString("parallelism.default", Integer.toString(settings.parallelism()));
        conf.setString("pipeline.generic-types", "false"); // no silent Kryo fallback for our records
        // Records handed between chained operators are not copied: every record type the job passes on is immutable
        // (Java records; parcel state and alerts travel as encoded bytes), and no operator keeps an input past its call.
        conf.setString("pipeline.object-reuse", "true");
        return conf;
    }

    /** The scans topic as the tracker reads it (the benchmark's baseline job reads it the same way). */
    public static KafkaSource<KafkaRecord> scanSource(TrackerSettings settings) {
        return source(settings, settings.scansTopic());
    }

    /** The complaints topic as the job reads it: same group and starting point as the scans. */
    static KafkaSource<KafkaRecord> complaintSource(TrackerSettings settings) {
        return source(settings, settings.kpi().complaintsTopic());
    }

    private static KafkaSource<KafkaRecord> source(TrackerSettings settings, String topic) {
        return KafkaSource.<KafkaRecord>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(topic)
                .setGroupId(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        settings.fromEarliest() ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST))
                .setDeserializer(new KafkaRecordSchema())
                .build();
    }

    /**
     * Event time of scans: bounded out-of-orderness and idleness. No watermark alignment: reading a
     * backlog, partitions run ahead of one another, and alignment would pause the fast ones most of
     * the time (measured: the source paused 90% of the time, throughput capped). A partition far
     * ahead does no harm here: a scan that reaches a parcel before the watermark reached its deadline
     * raises the silence it ends ({@link ParcelTracker}), excursions are proven by the readings, and
     * hub losses are judged only once the watermark, the slowest partition, has passed the window.
     */
    public static WatermarkStrategy<KafkaRecord> scanWatermarks(TrackerSettings settings) {
        long maxFutureMillis = ScanValidator.defaults().maxFutureSkew().toMillis();
        return WatermarkStrategy
                .<KafkaRecord>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withIdleness(settings.idleness())
                // The record timestamp is the event time by contract. One from the far future would drag
                // the watermark (and every parcel's deadlines) forward; such records are not trusted for
                // time and are dead-lettered by the decoder.
                .withTimestampAssigner((record, ts) -> ts <= System.currentTimeMillis() + maxFutureMillis ? ts : Long.MIN_VALUE);
    }


    /** The topics the job reads and writes; they must exist before it starts (the Kafka source fails on a missing one). */
    public static List<String> topics(TrackerSettings settings) {
        return List.of(settings.scansTopic(), settings.kpi().complaintsTopic(), settings.alertsTopic(), settings.deadLetterTopic());
    }

    /** The managed memory a local mini cluster gets (for reports). */
    public static String localManagedMemory() {
        return LOCAL_MANAGED_MEMORY;
    }

    /** Adds the job's pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, TrackerSettings settings) {
        KafkaSource<KafkaRecord> source = scanSource(settings);
        WatermarkStrategy<KafkaRecord> watermarks = scanWatermarks(settings);

        DataStream<KafkaRecord> records = env.fromSource(source, watermarks, "scans from Kafka").uid(UID_SOURCE);

        SingleOutputStreamOperator<ValidScan> scans = records
                .process(new ScanDecoder(ScanValidator.defaults(), settings.bootstrapServers())).uid(UID_DECODER).name("decode and validate scans")
                .setBufferTimeout(NETWORK_BUFFER_TIMEOUT_MILLIS);

        TrackingRules rules = new TrackingRules(settings.stageLimits(), settings.coldChain(), settings.retention(),
                Duration.ofMinutes(1), settings.hmacKey(), settings.flushInterval(), settings.catchUpFlushInterval());
        SingleOutputStreamOperator<ParcelChange> changes = scans
                .keyBy(ValidScan::parcelId)
                .process(new ParcelTracker(rules, settings.eta().bands(), settings.eta().priors())).uid(UID_TRACKER).name(NAME_TRACKER)
                .setBufferTimeout(NETWORK_BUFFER_TIMEOUT_MILLIS);

        // Learned step durations, broadcast to the forecaster (why downstream and broadcast: DeliveryForecaster).
        BroadcastStream<ModelUpdate> model = changes.getSideOutput(ParcelTracker.STEPS)
                .keyBy(StepObservation::key)
                .process(new StepLearner(settings.eta().learning())).uid(UID_STEP_LEARNER).name("learn step durations")
                .broadcast(ModelBroadcast.MODEL);
        SingleOutputStreamOperator<StatusDocument> forecasted = changes
                .keyBy(ParcelChange::parcelId)
                .connect(model)
                .process(new DeliveryForecaster(settings.eta())).uid(UID_FORECASTER).name(NAME_FORECASTER);

        forecasted.sinkTo(ElasticsearchSink.<StatusDocument>builder()
                        .setHosts(settings.elasticsearchHosts())
                        .setElementConverter((document, ctx) -> DocumentWrite.versioned(ParcelDocument.INDEX, document.parcelId(),
                                document.version(), document.json()))
                        .setMaxInFlightRequests(STATUS_BULKS_IN_FLIGHT)
                        .setMaxBufferedRequests(STATUS_MAX_BUFFERED)
                        .setMaxTimeInBuffer(STATUS_MAX_TIME_IN_BUFFER)
                        .setDeadLetterKafka(settings.bootstrapServers(), settings.deadLetterTopic())
                        .build())
                .uid(UID_PARCELS_SINK).name(NAME_PARCELS_SINK);

        DataStream<AlertMessage> hubAlerts = scans.getSideOutput(HubMovement.OUTPUT)
                .keyBy(HubMovement::parcelId)
                .process(new HubLossParcelLink(settings.hubLoss())).uid(UID_HUB_LINK).name("hub movements: seen elsewhere")
                .keyBy(HubMovement::hubId)
                .process(new HubLossDetector(settings.hubLoss())).uid(UID_HUB_LOSS).name("detect hub losses");
        // Complaints: their own topic and watermarks (sparse: idleness keeps a quiet partition from holding deadlines back).
        SingleOutputStreamOperator<ValidComplaint> complaints = env
                .fromSource(complaintSource(settings), scanWatermarks(settings), "complaints from Kafka").uid(UID_COMPLAINTS_SOURCE)
                .process(new ComplaintDecoder()).uid(UID_COMPLAINT_DECODER).name("decode and validate complaints");
        // Complaints are sparse: their own watermark stalls between them, and a complaint's deadline would
        // wait for the next complaint. The scans' event time drives deadlines too: the union's watermark is
        // the scans' whenever the complaint partitions are idle (and the slower of the two while both flow).
        DataStream<ValidComplaint> scanClock = scans.flatMap(new ScanClock()).name("scan event time for complaint deadlines");
        SingleOutputStreamOperator<KpiFact> complaintFacts = complaints
                .union(scanClock)
                .keyBy(ValidComplaint::complaintId)
                .process(new ComplaintTracker(settings.kpi())).uid(UID_COMPLAINT_TRACKER).name("track complaint deadlines");

        // KPIs: a branch of this job, fed by the tracker's own per-parcel decisions (why: KpiFact).
        SingleOutputStreamOperator<KpiWrite> kpis = changes.getSideOutput(ParcelTracker.KPI_FACTS)
                .union(complaintFacts)
                .flatMap(new FactScopes()).name("KPI scopes")
                .keyBy(ScopedFact::key)
                .process(new KpiWindows(settings.kpi())).uid(UID_KPI_WINDOWS).name(NAME_KPI_WINDOWS);
        kpis.sinkTo(ElasticsearchSink.<KpiWrite>builder()
                        .setHosts(settings.elasticsearchHosts())
                        .setElementConverter((kpi, ctx) -> DocumentWrite.versioned(kpi.index(), kpi.id(), kpi.version(), kpi.json()))
                        .setDeadLetterKafka(settings.bootstrapServers(), settings.deadLetterTopic())
                        .build())
                .uid(UID_KPI_SINK).name("KPIs to Elasticsearch");

        DataStream<AlertMessage> alerts = changes.getSideOutput(ParcelTracker.ALERTS)
                .union(hubAlerts, forecasted.getSideOutput(DeliveryForecaster.ALERTS), complaintFacts.getSideOutput(ComplaintTracker.ALERTS));
        alerts.sinkTo(KafkaSinks.atLeastOnce(settings.bootstrapServers(), settings.alertsTopic(), AlertMessage::alertId,
                        AlertMessage::avro))
                .uid(UID_ALERTS_KAFKA).name("alerts to Kafka");
        alerts.sinkTo(ElasticsearchSink.<AlertMessage>builder()
                        .setHosts(settings.elasticsearchHosts())
                        .setElementConverter((alert, ctx) -> alertWrite(alert))
                        .setDeadLetterKafka(settings.bootstrapServers(), settings.deadLetterTopic())
                        .build())
                .uid(UID_ALERTS_ES).name(NAME_ALERTS_ES);

        scans.getSideOutput(ScanDecoder.DEAD_LETTERS)
                .union(complaints.getSideOutput(ComplaintDecoder.DEAD_LETTERS),
                        kpis.getSideOutput(KpiWindows.LATE).map(new LateFactLetters()).name("late KPI facts as dead letters"))
                .sinkTo(KafkaSinks.<byte[]>atLeastOnce(settings.bootstrapServers(), settings.deadLetterTopic(), letter -> null,
                        letter -> letter))
                .uid(UID_DEAD_LETTERS).name("dead letters to Kafka");
    }

    static DocumentWrite alertWrite(AlertMessage message) {
        Alert alert = decodeOwnAlert(message.avro());
        return DocumentWrite.versioned(AlertDocument.INDEX, message.alertId(), AlertDocument.version(alert), AlertDocument.render(alert));
    }

    private static final ThreadLocal<AvroCodec<Alert>> ALERT_CODEC = ThreadLocal.withInitial(AvroCodec::alerts);

    /** Decodes an alert this job encoded itself: a failure is a bug, not bad input. */
    private static Alert decodeOwnAlert(byte[] bytes) {
        try {
            return ALERT_CODEC.get().decode(bytes);
        } catch (io.parcelwatch.io.AvroDecodeException e) {
            throw new IllegalStateException("The tracker's own alert does not decode", e);
        }
    }
}
