package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private static final FlinkRest.Vertex KEYED = new FlinkRest.Vertex("v1", "track parcels", 2, "RUNNING");

    private static ThroughputMeasurement.Result throughput(double rate, long keyedBytes) {
        return throughput(rate, keyedBytes, CpuUsage.UNKNOWN);
    }

    private static ThroughputMeasurement.Result throughput(double rate, long keyedBytes, CpuUsage cpu) {
        CheckpointFigures checkpoint = new CheckpointFigures(7, 7, 20L << 20, 4L << 20, 900, keyedBytes, 0);
        return new ThroughputMeasurement.Result(300_000, rate, 10, 5, 300_000, 0.25, 0.9, 1_000, checkpoint, KEYED,
                new RocksDbEstimates(40_000, 6L << 20), cpu);
    }

    private static LatencyFigures latency(long... millis) {
        return latency(CpuUsage.UNKNOWN, millis);
    }

    private static LatencyFigures latency(CpuUsage cpu, long... millis) {
        return behindLatency(cpu, 1_000, millis);
    }

    /** Measured at 19,500 events/s, {@code mostBehind} records at most behind. */
    private static LatencyFigures behindLatency(CpuUsage cpu, long mostBehind, long... millis) {
        Histogram histogram = new Histogram(1_800_000, 3);
        for (long m : millis) {
            histogram.recordValue(m);
        }
        LatencyProbe.Stretch measured = new LatencyProbe.Stretch(millis.length, millis.length, 0, histogram);
        LatencyProbe.Stretch warmUp = new LatencyProbe.Stretch(0, 0, 0, new Histogram(1_800_000, 3));
        return new LatencyFigures(20_000, 19_500, Duration.ofSeconds(30), 30, 600_000, new LatencyProbe.Result(600_000, measured, warmUp, List.of()),
                200, Duration.ofSeconds(30), 120_000, new Predictions(90_000, 9_000_000_000L), cpu, mostBehind);
    }

    private static Report report(ThroughputMeasurement.Result baseline, ThroughputMeasurement.Result tracker, LatencyFigures latency) {
        MachineInfo machine = new MachineInfo(2, "CPU", 24_000, "1.0 1.0 1.0", "Java 25", "-Xmx6g");
        RunSettings settings = new RunSettings("bench-scans", 2, 2, Duration.ofSeconds(10), true, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(30));
        TrackerFigures figures = new TrackerFigures(60_000, 0, 0, 0, 60_000, 9_000, 20_000, 300, 0, 0, new Predictions(150_000, 7_500_000_000L),
                new TrackerFigures.HeldWrites(12_000, 900));
        return new Report(Instant.parse("2026-12-01T12:00:00Z"), machine, settings, 300_000,
                new LoadFigures("small", 20_000, 15.0, 9.5, "2d"), baseline, tracker, figures, latency);
    }

    private static String line(List<String> lines, String containing) {
        return lines.stream().filter(l -> l.contains(containing)).findFirst().orElseThrow();
    }

    @Test
    void putsTheGoalsBesideTheFigures() {
        List<String> lines = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20), latency(800, 1200, 2000)));

        assertThat(line(lines, "ratio tracker/baseline")).contains("1.10").contains("goal >= 1.0: met");
        assertThat(line(lines, "while consuming the backlog")).contains("0.200").contains("goal < 0.3: met");
        assertThat(line(lines, "scan-to-visible")).contains("p50 1.20 s").contains("goal p99 < 3 s: met");
        assertThat(line(lines, "bytes per parcel")).contains("524 bytes per parcel").contains("20,000 parcels in state");
        assertThat(line(lines, "per event during the live")).contains("0.200");
        assertThat(line(lines, "checkpoints every")).contains("incremental unaligned exactly-once checkpoints every 10s");
        assertThat(line(lines, "held back while catching up")).contains("held again 12,000 times (0.040 per event)")
                .contains("900 released at a look after catching up");
    }

    @Test
    void dividesThePredictionsByTheDocumentsAndTheirTime() {
        List<String> lines = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20), latency(800, 1200, 2000)));

        assertThat(line(lines, "             delivery predictions")).contains("150,000, 2.50 per parcel document written, 50 µs of CPU each");
        assertThat(line(lines, "live: delivery predictions")).contains("90,000, 0.75 per parcel document written, 100 µs of CPU each");
    }

    @Test
    void saysWhenThePredictionCounterReadNothing() {
        LatencyFigures live = latency(800);
        LatencyFigures unread = new LatencyFigures(live.targetRate(), live.measuredRate(), live.warmUp(), live.seconds(), live.events(),
                live.probe(), live.sampleEvery(), live.timeout(), live.documents(), Predictions.NONE, live.cpu(), live.mostBehind());
        List<String> lines = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20), unread));

        assertThat(line(lines, "live: delivery predictions")).contains("n/a");
    }

    @Test
    void saysWhenAGoalIsMissed() {
        List<String> lines = Summary.lines(report(throughput(40_000, 1L << 20), throughput(20_000, 1L << 20), latency(2500, 4000)));

        assertThat(line(lines, "ratio tracker/baseline")).contains("0.50").contains("NOT met");
        assertThat(line(lines, "scan-to-visible")).contains("NOT met");
    }

    @Test
    void saysHowFarTheLiveJobFellBehindAndWhenThatWasPastTheGoal() {
        List<String> keptUp = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20), latency(800)));
        assertThat(line(keptUp, "records behind its input")).contains("at most 1,000 records").contains("(0.1 s of it)");
        assertThat(keptUp).noneMatch(l -> l.contains("past what the job sustains"));

        // 19,500 events/s: 78,000 records are 4 s of input
        List<String> saturated = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20),
                behindLatency(CpuUsage.UNKNOWN, 78_000, 4_000, 5_000)));
        assertThat(line(saturated, "records behind its input")).contains("at most 78,000 records").contains("(4.0 s of it)");
        assertThat(line(saturated, "past what the job sustains")).contains("more than 3 s").contains("--latency-rate");

        List<String> unread = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20),
                behindLatency(CpuUsage.UNKNOWN, -1, 800)));
        assertThat(line(unread, "fell behind its input")).endsWith("not read");
    }

    @Test
    void tellsWhereTheCpuWentPerEventAndByThread() {
        CpuUsage baseline = new CpuUsage(10, 1.6, List.of(new CpuUsage.Share("baseline keyed", 1.6)), 0.01);
        List<CpuUsage.Share> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(new CpuUsage.Share("task " + i + " -> its sink, a chain with a long name", 0.2 - 0.01 * i));
        }
        CpuUsage tracker = new CpuUsage(20, 1.5, threads, 0.4);
        CpuUsage live = new CpuUsage(60, 0.9, List.of(new CpuUsage.Share("predict delivery", 0.2), new CpuUsage.Share(ThreadCpu.UNLISTED, 0.1)),
                0.39);
        List<String> lines = Summary.lines(report(throughput(80_000, 10L << 20, baseline), throughput(5_000, 10L << 20, tracker),
                latency(live, 800, 1200)));

        assertThat(line(lines, "CPU:")).isEqualTo("CPU:         baseline, while records flowed: this JVM 1.60 cores (20 µs per event), "
                + "Elasticsearch 0.01 cores (0 µs per event), over 10 s");
        assertThat(line(lines, "tracker, while records flowed")).contains("this JVM 1.50 cores (300 µs per event)")
                .contains("Elasticsearch 0.40 cores (80 µs per event), over 20 s");
        assertThat(line(lines, "per event, the tracker's JVM")).contains("15.0x the CPU of the baseline's");
        assertThat(line(lines, "tracker's threads")).startsWith("             tracker's threads, in cores: task 0 -> its sink, a chain with a long name 0.20; task 1 ");
        assertThat(String.join("\n", lines)).contains("task 7 -> its sink, a chain with a long name 0.13").doesNotContain("task 8 ").contains("2 others 0.23");
        // 19,500 events/s measured live
        assertThat(line(lines, "live, measured stretch")).contains("this JVM 0.90 cores (46 µs per event)").contains("Elasticsearch 0.39 cores (20 µs");
        assertThat(line(lines, "live threads")).contains("predict delivery 0.20; " + ThreadCpu.UNLISTED + " 0.10");
        List<String> block = lines.subList(lines.indexOf(line(lines, "CPU:")), lines.indexOf(line(lines, "Checkpoints:")));
        assertThat(block).hasSize(9).allMatch(l -> l.length() <= 13 + 150 + 1, "lines wrap");
    }

    @Test
    void noCpuBlockWhereNothingWasRead() {
        List<String> lines = Summary.lines(report(throughput(40_000, 10L << 20), throughput(44_000, 10L << 20), latency(800)));

        assertThat(lines).noneMatch(l -> l.startsWith("CPU:"));
    }

    @Test
    void skippedPhasesAreSaidSoNotGuessed() {
        List<String> lines = Summary.lines(report(null, throughput(20_000, 1L << 20), null));

        assertThat(line(lines, "naive baseline")).contains("skipped");
        assertThat(line(lines, "ratio tracker/baseline")).contains("n/a");
        assertThat(lines).noneMatch(l -> l.startsWith("Latency:"));
    }
}
