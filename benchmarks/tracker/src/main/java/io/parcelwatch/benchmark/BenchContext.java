package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every phase of one run shares.
 *
 * @param workDir      this run's directory (checkpoints, generator output), removed at the end
 * @param stamp        this run's name part, making consumer groups and checkpoint directories fresh
 * @param listMetrics  print every vertex's metric names (to find a metric after a Flink upgrade renames one)
 */
record BenchContext(String kafka, String elasticsearch, int partitions, int parallelism, Duration checkpointInterval,
                    Duration flushInterval, Duration catchUpFlushInterval, Duration maxOutOfOrderness, String alertsTopic, String deadLetterTopic, Path workDir, String stamp, Duration jobTimeout,
                    boolean listMetrics, PrintWriter out) {

    /** A checkpoint after the end of the input comes within one interval, plus however long it takes to complete. */
    Duration checkpointTimeout() {
        return checkpointInterval.multipliedBy(3).plusSeconds(120);
    }

    TrackerSettings settings(String job, String scansTopic) {
        return BenchSettings.of(kafka, elasticsearch, scansTopic, alertsTopic, deadLetterTopic, "parcelwatch-bench-" + job + "-" + stamp,
                parallelism, checkpointInterval, flushInterval, catchUpFlushInterval, maxOutOfOrderness, workDir.resolve("checkpoints").resolve(job));
    }

    void printMetricNames(BenchJob job) throws Exception {
        if (!listMetrics) {
            return;
        }
        for (FlinkRest.Vertex vertex : job.rest().vertices(job.id())) {
            out.println("    metrics of vertex '" + vertex.name() + "':");
            for (String name : job.metricNames(vertex).stream().sorted().toList()) {
                out.println("      " + name);
            }
        }
        out.flush();
    }
}
