package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.io.elasticsearch.IndexTemplates;
import io.parcelwatch.tracking.ParcelDocument;
import io.parcelwatch.tracking.TrackerJob;
import java.util.List;

/** Phase 2b: the tracker job consumes the preloaded topic and writes to a fresh Elasticsearch. */
final class TrackerPhase {
    static final String KEYED_OPERATOR = io.parcelwatch.tracking.TrackerJob.NAME_TRACKER;
    static final String PARCELS_SINK = io.parcelwatch.tracking.TrackerJob.NAME_PARCELS_SINK;
    static final String ALERTS_SINK = io.parcelwatch.tracking.TrackerJob.NAME_ALERTS_ES;
    /** ParcelTracker's one value state per parcel (its STATE_NAME, package-private in the jobs module). */
    static final String PARCEL_STATE = io.parcelwatch.tracking.ParcelTracker.STATE_NAME;

    record Outcome(ThroughputMeasurement.Result throughput, TrackerFigures figures) {}

    private TrackerPhase() {}

    static Outcome run(BenchContext ctx, String topic, long records) throws Exception {
        TrackerSettings settings = ctx.settings("tracker", topic);
        prepareOutputs(ctx, settings);
        BenchJob job = BenchJob.launch(ctx, settings, "ParcelWatch benchmark: tracker", TrackerJob::build);
        try {
            ThroughputMeasurement.Result result = ThroughputMeasurement.run(ctx, job, KEYED_OPERATOR, PARCEL_STATE, records);
            ctx.printMetricNames(job);
            // Parcels changed in the last stretched flush interval are written when it ends.
            java.time.Duration pending = settings.catchUpFlushInterval().plusSeconds(3);
            ctx.out().printf("    waiting %d s for the status writes still scheduled (catch-up flush interval %s) ...%n",
                    pending.toSeconds(), io.parcelwatch.common.DurationConverter.format(settings.catchUpFlushInterval()));
            ctx.out().flush();
            Thread.sleep(pending.toMillis());
            return new Outcome(result, figures(ctx, job, settings));
        } finally {
            job.cancel();
        }
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
        long cleared = job.sum(keyed, FlinkMetricNames.operatorMetric(KEYED_OPERATOR, "parcelsCleared"));
        try (EsIndices es = new EsIndices(ctx.elasticsearch()); BenchTopics topics = new BenchTopics(ctx.kafka())) {
            EsIndices.Work indexing = es.work(ParcelDocument.INDEX);
            return new TrackerFigures(parcels.written(), parcels.retried(), parcels.rejected(), parcels.conflicts(),
                    indexing.indexed(), indexing.indexMillis(), es.count(ParcelDocument.INDEX), alerts.written(),
                    topics.recordCount(settings.deadLetterTopic()), cleared, Predictions.read(job, sink));
        }
    }
}
