package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;

/** Phase 2a: the naive baseline job consumes the preloaded topic. */
final class BaselinePhase {
    private BaselinePhase() {}

    static ThroughputMeasurement.Result run(BenchContext ctx, String topic, long records) throws Exception {
        TrackerSettings settings = ctx.settings("baseline", topic);
        BenchJob job = BenchJob.launch(ctx, settings, "ParcelWatch benchmark: naive baseline", BaselineJob::build);
        try {
            ThroughputMeasurement.Result result = ThroughputMeasurement.run(ctx, job, BaselineJob.KEYED_OPERATOR, NaiveScanTracker.STATE, records);
            ctx.printMetricNames(job);
            return result;
        } finally {
            job.cancel();
        }
    }
}
