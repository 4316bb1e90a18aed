package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.io.elasticsearch.IndexTemplates;
import io.parcelwatch.tracking.ParcelDocument;
import io.parcelwatch.tracking.TrackerJob;
import io.parcelwatch.tracking.TrackingRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Phase 2b: the tracker job consumes the preloaded topic and writes to a fresh Elasticsearch. */
final class TrackerPhase {
    static final String KEYED_OPERATOR = io.parcelwatch.tracking.TrackerJob.NAME_TRACKER;
    static final String PARCELS_SINK = io.parcelwatch.tracking.TrackerJob.NAME_PARCELS_SINK;
    static final String ALERTS_SINK = io.parcelwatch.tracking.TrackerJob.NAME_ALERTS_ES;
    /** ParcelTracker's one value state per parcel (its STATE_NAME, package-private in the jobs module). */
    static final String PARCEL_STATE = io.parcelwatch.tracking.ParcelTracker.STATE_NAME;

    /** Time for a released write to leave the sink's buffer and be indexed. */
    private static final Duration HELD_WRITES_MARGIN = Duration.ofSeconds(3);

    record Outcome(ThroughputMeasurement.Result throughput, TrackerFigures figures) {}

    private TrackerPhase() {}

    static Outcome run(BenchContext ctx, String topic, long records) throws Exception {
        TrackerSettings settings = ctx.settings("tracker", topic);
        prepareOutputs(ctx, settings);
        BenchJob job = BenchJob.launch(ctx, settings, "ParcelWatch benchmark: tracker", TrackerJob::build);
        try {
            ThroughputMeasurement.Result result = ThroughputMeasurement.run(ctx, job, KEYED_OPERATOR, PARCEL_STATE, records);
            ctx.printMetricNames(job);
            awaitHeldWrites(ctx, job, settings);
            return new Outcome(result, figures(ctx, job, settings));
        } finally {
            job.cancel();
        }
    }

    /**
     * Waits for the status writes held back while the job caught up: they go out at their next look once its flush
     * interval is back at its base (the job has caught up), within {@link TrackingRules#heldWriteCheck}.
     */
    private static void awaitHeldWrites(BenchContext ctx, BenchJob job, TrackerSettings settings) throws Exception {
        FlinkRest.Vertex keyed = job.vertex(KEYED_OPERATOR);
        String gauge = FlinkMetricNames.operatorMetric(KEYED_OPERATOR, "flushIntervalMs");
        long base = settings.flushInterval().toMillis() * keyed.parallelism();
        Instant deadline = Instant.now().plus(settings.catchUpFlushInterval()).plus(HELD_WRITES_MARGIN);
        long interval;
        while ((interval = job.sum(keyed, gauge)) > base && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        if (interval > base) {
            ctx.out().printf("    the flush interval is still stretched (%d ms summed over the subtasks); the writes may not all be out%n", interval);
        }
        Duration check = TrackingRules.heldWriteCheck(settings.catchUpFlushInterval());
        Duration pending = check.plus(HELD_WRITES_MARGIN);
        ctx.out().printf("    waiting %d s for the status writes held back while catching up (looked at every %s) ...%n",
                pending.toSeconds(), io.parcelwatch.common.DurationConverter.format(check));
        ctx.out().flush();
        Thread.sleep(pending.toMillis());
    }

    /**
     * Fresh indices (documents of an earlier run would carry higher external versions than this run's
     * writes), the index templates, and the job's output topics created and served before it starts
     * (an idempotent producer's first records to a partition still being created can stall, KAFKA-15591).
     */
    static void prepareOutputs(BenchContext ctx, TrackerSettings settings) throws Exception {
        try (EsIndices es = new EsIndices(ctx.elasticsearch())) {
            es.deleteIfExist(IndexTemplates.NAMES);
        }
        IndexTemplates.install(settings.elasticsearchHosts(), IndexTemplates.NAMES);
        try (BenchTopics topics = new BenchTopics(ctx.kafka())) {
            topics.recreate(List.of(settings.alertsTopic(), settings.deadLetterTopic(), settings.kpi().complaintsTopic()), ctx.partitions());
        }
    }

    static long parcelDocumentsWritten(BenchJob job) throws Exception {
        FlinkRest.Vertex sink = job.vertex(PARCELS_SINK);
        String name = job.metricName(sink, n -> n.endsWith(".documentsWritten"), java.time.Duration.ofSeconds(30));
        return job.sum(sink, name);
    }

    private static TrackerFigures figures(BenchContext ctx, BenchJob job, TrackerSettings settings) throws Exception {
        FlinkRest.Vertex sink = job.vertex(PARCELS_SINK);
        SinkCounters parcels = SinkCounters.read(job, sink);
        SinkCounters alerts = SinkCounters.read(job, job.vertex(ALERTS_SINK));
        FlinkRest.Vertex keyed = job.vertex(KEYED_OPERATOR);
        long[] tracker = job.operatorCounters(keyed, "parcelsCleared", List.of("parcelsCleared", "heldWriteChecks", "heldWritesReleased"));
        long cleared = tracker[0];
        var held = new TrackerFigures.HeldWrites(tracker[1], tracker[2]);
        try (EsIndices es = new EsIndices(ctx.elasticsearch()); BenchTopics topics = new BenchTopics(ctx.kafka())) {
            EsIndices.Work indexing = es.work(ParcelDocument.INDEX);
            return new TrackerFigures(parcels.written(), parcels.retried(), parcels.rejected(), parcels.conflicts(),
                    indexing.indexed(), indexing.indexMillis(), es.count(ParcelDocument.INDEX), alerts.written(),
                    topics.recordCount(settings.deadLetterTopic()), cleared, Predictions.read(job, sink), held);
        }
    }
}
