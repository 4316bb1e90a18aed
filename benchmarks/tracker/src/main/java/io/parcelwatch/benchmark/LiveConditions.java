package io.parcelwatch.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the job, Elasticsearch and this JVM were doing while the live run's scans waited to show: read
 * every {@link #EVERY} so that a slow stretch of scans can be laid beside its cause (the tracker or the
 * sink busy or back-pressured, the source behind, Elasticsearch merging, refreshing or collecting
 * garbage). Only reports; no figure of the summary comes from here.
 */
final class LiveConditions implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(5);

    /**
     * Cumulative counters at one moment ({@code nanos}: {@link System#nanoTime()}); -1 where not readable.
     *
     * @param behind            records on the topic the job's Kafka source has not read yet (its pendingRecords, summed)
     * @param trackerBusyMs     busy time of the tracker's subtasks (summed)
     * @param trackerBackMs     back-pressured time of the tracker's subtasks
     * @param sinkBusyMs        busy time of the forecaster and status sink's subtasks
     * @param sinkBackMs        back-pressured time of those
     * @param esIndexed         parcels documents indexed
     * @param esMergeMs         time the parcels index spent merging (all merge threads)
     * @param esRefreshMs       time it spent refreshing
     * @param esGcMs            the Elasticsearch JVM's garbage collection time
     * @param esCpuMs           the Elasticsearch process's CPU time
     * @param benchCpuMs        this JVM's CPU time (the jobs, probe and benchmark)
     * @param benchGcMs         this JVM's garbage collection time
     */
    record Reading(long nanos, long behind, long trackerBusyMs, long trackerBackMs, long sinkBusyMs,
                   long sinkBackMs, long esIndexed, long esMergeMs, long esRefreshMs, long esGcMs, long esCpuMs, long benchCpuMs,
                   long benchGcMs) {}

    private static final String BACK_PRESSURED = "accumulateBackPressuredTimeMs";

    private final BenchJob job;
    private final EsIndices es;
    private final String index;
    private final List<Reading> readings = new ArrayList<>(); // guarded by this
    private volatile boolean running = true;
    private Thread thread;
    private FlinkRest.Vertex source;
    private String pendingRecords; // the source's metric, once it is reported
    private FlinkRest.Vertex tracker;
    private FlinkRest.Vertex sink;

    /**
     * @param trackerOperator name of the tracker operator (its vertex)
     * @param sinkOperator    name of an operator in the status sink's vertex
     */
    LiveConditions(BenchJob job, EsIndices es, String index, String trackerOperator, String sinkOperator) throws Exception {
        this.job = job;
        this.es = es;
        this.index = index;
        this.source = job.vertex("Source:");
        this.tracker = job.vertex(trackerOperator);
        this.sink = job.vertex(sinkOperator);
    }

    void start() {
        thread = Thread.ofPlatform().name("live-conditions").daemon().start(this::sample);
    }

    synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /**
     * The most records the job's source had not read yet at any reading from {@code fromNanos} on, or -1 if no such reading
     * could read it: how far the job fell behind its input in that stretch.
     */
    static long mostBehind(List<Reading> readings, long fromNanos) {
        long most = -1;
        for (Reading reading : readings) {
            if (reading.nanos() >= fromNanos) {
                most = Math.max(most, reading.behind());
            }
        }
        return most;
    }

    private void sample() {
        long next = System.nanoTime();
        while (running) {
            Reading reading = read();
            synchronized (this) {
                readings.add(reading);
            }
            next += EVERY.toNanos();
            long sleep = (next - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private Reading read() {
        long nanos = System.nanoTime();
        long[] flink = flink();
        EsIndices.Work index = indexWork();
        EsIndices.NodeWork node = es.nodeWork();
        return new Reading(nanos, flink[0], flink[1], flink[2], flink[3], flink[4], index.indexed(), index.mergeMillis(), index.refreshMillis(),
                node.gcMillis(), node.cpuMillis(), benchCpuMillis(), benchGcMillis());
    }

    private long[] flink() {
        try {
            if (pendingRecords == null) {
                pendingRecords = job.metricNames(source).stream().filter(FlinkMetricNames::isSourcePendingRecords).findFirst().orElse(null);
            }
            long behind = pendingRecords == null ? -1 : value(job.sums(source, List.of(pendingRecords)), pendingRecords);
            Map<String, Double> t = job.sums(tracker, List.of(FlinkMetricNames.TASK_BUSY_TIME, BACK_PRESSURED));
            Map<String, Double> s = job.sums(sink, List.of(FlinkMetricNames.TASK_BUSY_TIME, BACK_PRESSURED));
            return new long[] {behind, value(t, FlinkMetricNames.TASK_BUSY_TIME), value(t, BACK_PRESSURED), value(s, FlinkMetricNames.TASK_BUSY_TIME),
                    value(s, BACK_PRESSURED)};
        } catch (Exception e) {
            return new long[] {-1, -1, -1, -1, -1};
        }
    }

    private static long value(Map<String, Double> sums, String metric) {
        Double v = sums.get(metric);
        return v == null ? -1 : Math.round(v);
    }

    private EsIndices.Work indexWork() {
        try {
            return es.work(index);
        } catch (Exception e) {
            return EsIndices.Work.UNKNOWN;
        }
    }

    private static long benchCpuMillis() {
        long nanos = ThreadCpu.processCpuNanos();
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    private static long benchGcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }
}
