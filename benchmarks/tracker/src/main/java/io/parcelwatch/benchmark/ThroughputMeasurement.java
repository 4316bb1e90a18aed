package io.parcelwatch.benchmark;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures how fast a job consumes a preloaded topic: once a second it reads how many records the
 * Kafka source has emitted (summed over its subtasks, through the REST API) until the whole topic has
 * been read and the keyed stage has drained, then waits for a checkpoint taken after that point.
 *
 * <p>It also reads how long the source's splits were paused by watermark alignment while records
 * flowed. The tracker's source used to align its partitions, which paused a backlog's splits 90% of
 * the time and capped the rate whatever the operators cost; should alignment come back, a large paused
 * share says the rate measures alignment rather than state and timers.
 */
final class ThroughputMeasurement {
    private static final long POLL_MILLIS = 1000;
    private static final int PROGRESS_EVERY = 5;
    /** After the source has read everything, the keyed stage gets this long to take in what is in flight. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param records              records in the topic
     * @param recordsPerSecond     the consumption rate while records flowed
     * @param flowSeconds          from the first reading with records to the first reading covering the topic
     * @param startupSeconds       from submission to the first reading with records
     * @param keyedRecordsIn       records that reached the keyed-by-parcel stage (fewer if some were dead-lettered)
     * @param alignmentPausedShare share of the flow time the source's splits spent paused by watermark alignment; NaN if unknown
     * @param keyedBusyShare       share of the flow time the keyed vertex's subtasks were busy (the rest idle or back-pressured);
     *                             near 1 means that vertex (its whole operator chain, sinks included) set the pace
     * @param firedTimers          event-time timers the keyed stage fired while consuming
     * @param checkpoint           the first checkpoint completed after the topic was consumed
     * @param keyedVertex          the vertex of the keyed-by-parcel operator
     * @param rocksDb              RocksDB's estimates for the per-parcel state, after that checkpoint
     * @param cpu                  where the CPU went while records flowed (this JVM's threads, the Elasticsearch node)
     */
    record Result(long records, double recordsPerSecond, double flowSeconds, double startupSeconds, long keyedRecordsIn,
                  double alignmentPausedShare, double keyedBusyShare, long firedTimers, CheckpointFigures checkpoint, FlinkRest.Vertex keyedVertex,
                  RocksDbEstimates rocksDb, CpuUsage cpu) {}

    private ThroughputMeasurement() {}

    /**
     * @param keyedOperator name of the keyed-by-parcel operator
     * @param parcelState   name of its per-parcel state (the RocksDB column family)
     */
    static Result run(BenchContext ctx, BenchJob job, String keyedOperator, String parcelState, long records) throws Exception {
        try (EsIndices es = new EsIndices(ctx.elasticsearch())) {
            return run(job, job.submittedNanos(), keyedOperator, parcelState, records, ctx.jobTimeout(), ctx.checkpointTimeout(), ctx.out(), es);
        }
    }

    private static Result run(BenchJob job, long submittedNanos, String keyedOperator, String parcelState, long records, Duration timeout,
                              Duration checkpointTimeout, PrintWriter out, EsIndices es) throws Exception {
        job.awaitRunning(Duration.ofMinutes(2));
        FlinkRest.Vertex source = job.vertex("Source:");
        FlinkRest.Vertex keyed = job.vertex(keyedOperator);
        String emitted = job.metricName(source, FlinkMetricNames::isSourceRecordsOut, Duration.ofSeconds(60));
        List<String> paused = List.of(); // per-split metrics, there once the splits are assigned

        ConsumptionRate rate = new ConsumptionRate(records);
        long deadline = System.nanoTime() + timeout.toNanos();
        long endWallMillis = 0;
        long drainDeadline = 0;
        long keyedIn = -1;
        double pausedAtStart = Double.NaN;
        double pausedAtEnd = Double.NaN;
        long busyAtStart = 0;
        long busyAtEnd = 0;
        ThreadCpu cpuAtStart = null;
        CpuUsage cpu = CpuUsage.UNKNOWN;
        int polls = 0;
        while (true) {
            job.checkAlive();
            if (paused.isEmpty()) {
                paused = job.metricNames(source).stream().filter(FlinkMetricNames::isSplitPausedTime).toList();
            }
            List<String> wanted = new ArrayList<>(paused);
            wanted.add(emitted);
            long now = System.nanoTime();
            Map<String, Double> sums = job.sums(source, wanted);
            long consumed = Math.round(sums.getOrDefault(emitted, 0.0));
            double pausedMs = paused.isEmpty() ? Double.NaN : paused.stream().mapToDouble(n -> sums.getOrDefault(n, 0.0)).sum();
            Map<String, Double> keyedSums = job.sums(keyed, List.of(FlinkMetricNames.TASK_RECORDS_IN, FlinkMetricNames.TASK_BUSY_TIME));
            long keyedNow = Math.round(keyedSums.getOrDefault(FlinkMetricNames.TASK_RECORDS_IN, 0.0));
            long busyNow = Math.round(keyedSums.getOrDefault(FlinkMetricNames.TASK_BUSY_TIME, 0.0));
            boolean wasStarted = rate.started();
            boolean wasComplete = rate.complete();
            rate.add(now, consumed);
            if (!wasStarted && rate.started()) {
                pausedAtStart = pausedMs;
                busyAtStart = busyNow;
                cpuAtStart = ThreadCpu.take(es);
            }
            if (!wasComplete && rate.complete()) {
                endWallMillis = System.currentTimeMillis();
                drainDeadline = now + DRAIN_TIMEOUT.toNanos();
                pausedAtEnd = pausedMs;
                busyAtEnd = busyNow;
                if (cpuAtStart != null) {
                    cpu = ThreadCpu.take(es).since(cpuAtStart);
                }
            }
            if (rate.complete() && (keyedNow == keyedIn || now > drainDeadline)) {
                keyedIn = keyedNow;
                break;
            }
            keyedIn = keyedNow;
            if (++polls % PROGRESS_EVERY == 0) {
                out.printf("    %5.0f s: %,d of %,d records read%n", (now - submittedNanos) / 1e9, consumed, records);
                out.flush();
            }
            if (now > deadline) {
                throw new IllegalStateException(String.format("The job had read %,d of %,d records after %d s; raise --job-timeout",
                        consumed, records, timeout.toSeconds()));
            }
            Thread.sleep(POLL_MILLIS);
        }
        double startup = (rate.first().nanos() - submittedNanos) / 1e9;
        double flowMillis = (rate.end().nanos() - rate.first().nanos()) / 1e6;
        double pausedShare = paused.isEmpty() || flowMillis <= 0 ? Double.NaN
                : (pausedAtEnd - pausedAtStart) / (paused.size() * flowMillis);
        double busyShare = flowMillis <= 0 ? Double.NaN : (busyAtEnd - busyAtStart) / (keyed.parallelism() * flowMillis);
        out.printf("    topic consumed: %,d records in %.1f s of flow (start-up %.1f s); waiting for a checkpoint after it ...%n",
                records, rate.flowSeconds(), startup);
        out.flush();
        CheckpointFigures checkpoint = job.awaitCheckpointAfter(endWallMillis, keyed, checkpointTimeout);
        Thread.sleep(BenchFlinkConfig.METRICS_REFRESH.toMillis() + 1000); // one more metric fetch, so the figures include the checkpoint's flushes
        long firedTimers = job.sum(keyed, FlinkMetricNames.TASK_FIRED_TIMERS);
        return new Result(records, rate.recordsPerSecond(), rate.flowSeconds(), startup, keyedIn, pausedShare, busyShare, firedTimers,
                checkpoint,
                keyed, RocksDbEstimates.read(job, keyed, parcelState), cpu);
    }
}
