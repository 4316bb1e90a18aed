package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Phase 2a: the naive baseline job consumes the preloaded topic. */
final class BaselinePhase {
    private BaselinePhase() {}

    static ThroughputMeasurement.Result run(BenchContext ctx, String topic, long records) throws Exception {
        TrackerSettings settings = ctx.settings("baseline", topic);
        int port = BenchFlinkConfig.freePort();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(BenchFlinkConfig.of(settings, port));
        BaselineJob.build(env, settings);
        long submitted = System.nanoTime();
        BenchJob job = BenchJob.start(env, "ParcelWatch benchmark: naive baseline", port);
        ctx.out().printf("    job %s, REST %s%n", job.id(), job.rest().base());
        try {
            ThroughputMeasurement.Result result = ThroughputMeasurement.run(job, submitted, BaselineJob.KEYED_OPERATOR, NaiveScanTracker.STATE, records,
                    ctx.jobTimeout(), ctx.checkpointTimeout(), ctx.out());
            ctx.printMetricNames(job);
            return result;
        } finally {
            job.cancel();
        }
    }
}
