package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.tracking.TrackerJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Phases 2 to 5 of the benchmark, on a topic the script has preloaded: the naive baseline and the
 * tracker consume it, then the tracker runs live under the paced generator for the latency figures,
 * and one summary block is printed and written to a file.
 */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the baseline and the tracker on a preloaded topic, then scan-to-visible latency live.")
final class MeasureCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka (default ${DEFAULT-VALUE}).")
    String kafka;
    @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200", description = "Elasticsearch (default ${DEFAULT-VALUE}).")
    String elasticsearch;
    @Option(names = "--topic", defaultValue = "bench-scans", description = "The preloaded scans topic (default ${DEFAULT-VALUE}).")
    String topic;
    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the topics this command creates (default ${DEFAULT-VALUE}).")
    int partitions;
    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of both jobs (default ${DEFAULT-VALUE}).")
    int parallelism;
    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = io.parcelwatch.common.DurationConverter.class,
            description = "Checkpoint interval of both jobs (default ${DEFAULT-VALUE}, the tracker's).")
    Duration checkpointInterval;
    @Option(names = "--flush-interval", defaultValue = "1s", converter = io.parcelwatch.common.DurationConverter.class,
            description = "The tracker's status write coalescing (default ${DEFAULT-VALUE}, the tracker's).")
    Duration flushInterval;
    @Option(names = "--catch-up-flush-interval", defaultValue = "5m", converter = io.parcelwatch.common.DurationConverter.class,
            description = "How far the tracker's flush interval stretches while catching up (default ${DEFAULT-VALUE}, the tracker's).")
    Duration catchUpFlushInterval;
    @Option(names = "--max-out-of-orderness", defaultValue = "5m", converter = io.parcelwatch.common.DurationConverter.class,
            description = "Watermark out-of-orderness of both jobs (default ${DEFAULT-VALUE}, the tracker's).")
    Duration maxOutOfOrderness;
    @Option(names = "--job-timeout", defaultValue = "30m", converter = io.parcelwatch.common.DurationConverter.class,
            description = "Longest a job may take to consume the topic (default ${DEFAULT-VALUE}).")
    Duration jobTimeout;
    @Option(names = "--generator", defaultValue = "./parcelwatch", description = "The ParcelWatch launcher, for the live run's generator (default ${DEFAULT-VALUE}).")
    String generator;
    @Option(names = "--latency-duration", defaultValue = "60s", converter = io.parcelwatch.common.DurationConverter.class,
            description = "How long the live run's measured stretch lasts, after its warm-up (default ${DEFAULT-VALUE}).")
    Duration latencyDuration;
    @Option(names = "--latency-warmup", defaultValue = "30s", converter = io.parcelwatch.common.DurationConverter.class,
            description = "How long the generator feeds the live job before the measured stretch (default ${DEFAULT-VALUE}): its "
                    + "samples are shown apart, not in the figures.")
    Duration latencyWarmUp;
    @Option(names = "--latency-rate", description = "Events/s of the live run (default: half the tracker's measured rate).")
    Double latencyRate;
    @Option(names = "--sample-every", defaultValue = "200", description = "Sample one scan in N for latency (default ${DEFAULT-VALUE}).")
    int sampleEvery;
    @Option(names = "--visibility-timeout", defaultValue = "30s", converter = io.parcelwatch.common.DurationConverter.class,
            description = "A sample not visible after this long counts as not visible (default ${DEFAULT-VALUE}).")
    Duration visibilityTimeout;
    @Option(names = "--events-per-parcel", defaultValue = "17.8", description = "Scan events per parcel, measured by the script (default ${DEFAULT-VALUE}).")
    double eventsPerParcel;
    @Option(names = "--loaded-parcels", defaultValue = "-1", description = "Parcels the script preloaded (for the summary).")
    long loadedParcels;
    @Option(names = "--load-seconds", defaultValue = "-1", description = "How long the preload took (for the summary).")
    double loadSeconds;
    @Option(names = "--scale", defaultValue = "custom", description = "Scale name (for the summary).")
    String scale;
    @Option(names = "--drain", defaultValue = "?", description = "The preload's generator --drain (for the summary).")
    String drain;
    @Option(names = "--work-dir", defaultValue = ".pw/bench", description = "Checkpoints and logs go under here (default ${DEFAULT-VALUE}).")
    Path benchDir;
    @Option(names = "--summary-file", description = "Where to write the summary (default <work-dir>/tracker-benchmark-<time>.txt).")
    Path summaryFile;
    @Option(names = "--skip-baseline", description = "Do not run the naive baseline.")
    boolean skipBaseline;
    @Option(names = "--skip-tracker", description = "Do not run the tracker on the preloaded topic (then the live run needs --latency-rate).")
    boolean skipTracker;
    @Option(names = "--skip-latency", description = "Do not run the live latency phase.")
    boolean skipLatency;
    @Option(names = "--list-metrics", description = "Print every vertex's metric names (to adapt the benchmark to renamed metrics).")
    boolean listMetrics;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Instant startedAt = Instant.now();
        MachineInfo machine = MachineInfo.current();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt);
        Path workDir = benchDir.resolve("run-" + stamp).toAbsolutePath();
        Files.createDirectories(workDir);
        BenchContext ctx = new BenchContext(kafka, elasticsearch, partitions, parallelism, checkpointInterval, flushInterval,
                catchUpFlushInterval, maxOutOfOrderness, "bench-alerts", "bench-dead-letters", workDir, stamp, jobTimeout, listMetrics, out);

        long events;
        try (BenchTopics topics = new BenchTopics(kafka)) {
            events = topics.recordCount(topic);
        }
        if (events == 0) {
            out.println("Topic " + topic + " is empty or missing: preload it first (tracker-benchmark.sh does).");
            return 2;
        }
        TrackerSettings jobSettings = ctx.settings("probe", topic);
        RunSettings settings = new RunSettings(topic, partitions, parallelism, checkpointInterval,
                CheckpointingOptions.isUnalignedCheckpointEnabled(TrackerJob.flinkConfiguration(jobSettings)), flushInterval,
                jobSettings.catchUpFlushInterval(), jobSettings.maxOutOfOrderness(), jobSettings.idleness());
        try {
            ThroughputMeasurement.Result baseline = null;
            if (!skipBaseline) {
                step(out, "2a. Naive baseline consumes " + String.format("%,d", events) + " events of " + topic);
                baseline = BaselinePhase.run(ctx, topic, events);
                out.printf("    => %,.0f events/s%n", baseline.recordsPerSecond());
            }
            TrackerPhase.Outcome tracker = null;
            if (!skipTracker) {
                step(out, "2b. Tracker consumes the same " + String.format("%,d", events) + " events, writing to Elasticsearch");
                tracker = TrackerPhase.run(ctx, topic, events);
                out.printf("    => %,.0f events/s; %,d parcel documents written%n", tracker.throughput().recordsPerSecond(),
                        tracker.figures().documentsWritten());
            }

            LatencyFigures latency = null;
            if (!skipLatency && (tracker != null || latencyRate != null)) {
                double rate = latencyRate != null ? latencyRate : Math.floor(tracker.throughput().recordsPerSecond() / 2);
                step(out, String.format("4. Scan-to-visible latency: tracker live, generator at %,.0f events/s, %s of warm-up, then %s measured",
                        rate, io.parcelwatch.common.DurationConverter.format(latencyWarmUp),
                        io.parcelwatch.common.DurationConverter.format(latencyDuration)));
                latency = LatencyPhase.run(ctx, new LatencyPhase.Plan("bench-live", "bench-live-complaints", generator, rate,
                        latencyWarmUp, latencyDuration, eventsPerParcel, sampleEvery, visibilityTimeout));
            }

            LoadFigures load = loadedParcels < 0 ? null : new LoadFigures(scale, loadedParcels, eventsPerParcel, loadSeconds, drain);
            Report report = new Report(startedAt, machine, settings, events, load, baseline,
                    tracker == null ? null : tracker.throughput(), tracker == null ? null : tracker.figures(), latency);
            List<String> lines = Summary.lines(report);
            Path file = summaryFile != null ? summaryFile : benchDir.resolve("tracker-benchmark-" + stamp + ".txt");
            Summary.write(lines, file);
            out.println();
            lines.forEach(out::println);
            out.println("(written to " + file + ")");
            out.flush();
            deleteRecursively(workDir); // on failure it stays, with the live run's generator log
            return 0;
        } finally {
            deleteRecursively(workDir.resolve("checkpoints"));
        }
    }

    private static void step(PrintWriter out, String title) {
        out.printf("%n--- %s%n", title);
        out.flush();
    }

    /**
     * Checkpoints of cancelled jobs are worthless and can be large. Flink may still be removing some of
     * them in the background, so files that vanish meanwhile are fine.
     */
    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(d);
                } catch (DirectoryNotEmptyException late) {
                    // Flink wrote into it after the walk listed it: leave it, it is small
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
