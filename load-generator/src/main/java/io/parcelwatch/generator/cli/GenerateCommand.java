package io.parcelwatch.generator.cli;

import io.parcelwatch.common.DurationConverter;
import io.parcelwatch.generator.anomalies.AnomalyConfig;
import io.parcelwatch.generator.disorder.DisorderConfig;
import io.parcelwatch.generator.network.NetworkConfig;
import io.parcelwatch.generator.output.AvroFileSink;
import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.generator.output.GroundTruthFiles;
import io.parcelwatch.generator.output.Iso8601;
import io.parcelwatch.generator.output.JsonLinesSink;
import io.parcelwatch.generator.output.KafkaSettings;
import io.parcelwatch.generator.output.KafkaSink;
import io.parcelwatch.generator.output.NullSink;
import io.parcelwatch.io.KafkaTopics;
import io.parcelwatch.generator.parcels.FinalStatus;
import io.parcelwatch.generator.sim.GeneratorSettings;
import io.parcelwatch.generator.sim.Pacing;
import io.parcelwatch.generator.sim.RunStats;
import io.parcelwatch.generator.sim.RunWindow;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.generator.sim.Simulation;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ScanType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {
                "Simulates the express network and sends its scan and complaint events to Kafka or to files, "
                        + "and writes the ground truth: every injected anomaly to the labels file, every parcel's outcome to the outcomes file.",
                "",
                "Event times follow a simulated clock: as fast as possible by default, or --speed N times wall-clock pace, "
                        + "or a --rate of events per second. Without --start the run is placed so that it ends about now "
                        + "(a --speed 1 run starts now), so no event time is in the future.",
                ""},
        footer = {"", "Examples:",
                "  generate --scenario small --output jsonl --out-dir run1",
                "  generate --parcels 1000000 --bootstrap-servers 127.0.0.1:9092",
                "  generate --duration 3d --speed 432          (three days of network time in ten minutes)",
                "  generate --duration 1h --speed 1            (live demo at wall-clock pace)",
                "  generate --scenario clean --seed 7 --start 2026-11-20T00:00:00Z --output avro --out-dir clean7"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "default", paramLabel = "NAME",
            description = "Preset of rates and sizes: default (realistic mess and anomalies), clean (none of either), "
                    + "small (12 hubs, 2,000 parcels). Other flags override it. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--output", defaultValue = "kafka", paramLabel = "kafka|avro|jsonl|none",
            description = "Where events go: Kafka, Avro container files (<out-dir>/scans.avro, complaints.avro), "
                    + "a JSON Lines file (<out-dir>/events.jsonl), or none (generated and encoded, then discarded: to measure generation alone). Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--out-dir", defaultValue = "parcelwatch-run", paramLabel = "DIR",
            description = "Directory for event files, labels and outcomes. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels file (JSON Lines). Default: <out-dir>/labels.jsonl.")
    Path labels;

    @Option(names = "--outcomes", paramLabel = "FILE", description = "Outcomes file (JSON Lines). Default: <out-dir>/outcomes.jsonl.")
    Path outcomes;

    @ArgGroup(exclusive = true)
    Size size = new Size();

    static final class Size {
        @Option(names = "--parcels", paramLabel = "N", description = "Parcels to create; the run then goes on for --drain. Default: the scenario's.")
        Long parcels;

        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Simulated time to run instead (e.g. 3d, 12h); parcels still moving at the end are IN_FLIGHT.")
        Duration duration;
    }

    @Option(names = "--parcel-rate", paramLabel = "PER_HOUR",
            description = "Mean parcels announced per simulated hour (shaped by hour of day and day of week). Default: the scenario's.")
    Double parcelRate;

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "7d",
            description = "With --parcels: simulated time to keep running after the last parcel is announced. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @ArgGroup(exclusive = true)
    PacingOptions pacing = new PacingOptions();

    static final class PacingOptions {
        @Option(names = "--speed", paramLabel = "FACTOR",
                description = "Run the simulated clock FACTOR times faster than wall time (1 = wall-clock pace, for live demos).")
        Double speed;

        @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "Target events per second (wall time).")
        Double rate;
    }

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random decision; the same seed and --start give the same stream. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--start", paramLabel = "TIME",
            description = "Simulated start (ISO-8601, e.g. 2026-11-20T00:00:00Z, or 'now'). Default: so that the run ends about now.")
    String start;

    @Option(names = "--hubs", description = "Sorting hubs in the network. Default: the scenario's (43, small: 12).")
    Integer hubs;

    @Option(names = "--outlets-per-hub", description = "Outlets under each hub. Default: the scenario's (20, small: 5).")
    Integer outletsPerHub;

    @ArgGroup(exclusive = false, heading = "%nAnomalies (shares are probabilities per parcel the anomaly can apply to):%n")
    AnomalyOptions anomalyOptions = new AnomalyOptions();

    static final class AnomalyOptions {
        @Option(names = "--stale-share", paramLabel = "P", description = "Parcels whose scans stop for ≥ 2× the stage limit, then resume (default 0.01).")
        Double stale;
        @Option(names = "--lost-share", paramLabel = "P", description = "Parcels whose scans stop for good (default 0.005).")
        Double lost;
        @Option(names = "--damage-share", paramLabel = "P", description = "Parcels damaged at a hub (default 0.01).")
        Double damage;
        @Option(names = "--locker-violation-share", paramLabel = "P",
                description = "Door-delivery parcels left in a locker or station without consent (default 0.05).")
        Double lockerViolation;
        @Option(names = "--cold-excursion-share", paramLabel = "P", description = "Cold-chain parcels with a temperature excursion (default 0.10).")
        Double coldExcursion;
        @Option(names = "--hub-losses-per-day", paramLabel = "N", description = "Hub-loss windows per simulated day (default 0.5).")
        Double hubLossesPerDay;
        @Option(names = "--hub-loss-share", paramLabel = "P", description = "Share of a hub's arrivals lost during a window (default 0.3).")
        Double hubLossShare;
        @Option(names = "--lane-disruptions-per-day", paramLabel = "N", description = "Lane disruptions per simulated day (default 1).")
        Double laneDisruptions;
        @Option(names = "--complaint-share", paramLabel = "P", description = "Parcels with a complaint without another reason (default 0.003).")
        Double complaints;
        @Option(names = "--late-response-share", paramLabel = "P", description = "Complaints answered after the 24 h deadline or never (default 0.10).")
        Double lateResponses;
        @Option(names = "--no-anomalies", description = "Inject no anomalies at all.")
        boolean none;
    }

    @ArgGroup(exclusive = false, heading = "%nDisorder (shares of the scans other than CREATED):%n")
    DisorderOptions disorderOptions = new DisorderOptions();

    static final class DisorderOptions {
        @Option(names = "--late-share", paramLabel = "P", description = "Scans uploaded late (default 0.03).")
        Double late;
        @Option(names = "--late-min", paramLabel = "DURATION", converter = DurationConverter.class, description = "Shortest upload delay (default 5m).")
        Duration lateMin;
        @Option(names = "--late-max", paramLabel = "DURATION", converter = DurationConverter.class, description = "Longest upload delay (default 3h).")
        Duration lateMax;
        @Option(names = "--duplicate-share", paramLabel = "P", description = "Scans sent twice (default 0.01).")
        Double duplicates;
        @Option(names = "--correction-share", paramLabel = "P", description = "Scans sent with a wrong time, then corrected (default 0.005).")
        Double corrections;
        @Option(names = "--missing-share", paramLabel = "P", description = "Scans never sent (default 0.005).")
        Double missing;
        @Option(names = "--no-disorder", description = "Send every scan once, on time.")
        boolean none;
    }

    @ArgGroup(exclusive = false, heading = "%nKafka:%n")
    KafkaOptions kafka = new KafkaOptions();


    @Option(names = "--avro-codec", defaultValue = "deflate", paramLabel = "null|deflate|snappy|zstandard",
            description = "Compression of Avro container files. Default: ${DEFAULT-VALUE}.")
    String avroCodec;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    GeneratorSettings settings(long now) {
        Scenario preset;
        try {
            preset = Scenario.valueOf(scenario.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageError("unknown scenario '" + scenario + "' (default, clean, small)");
        }
        GeneratorSettings s = preset.settings(seed);
        if (size.parcels != null) {
            if (size.parcels <= 0) {
                throw new UsageError("--parcels must be positive");
            }
            s = s.withParcels(size.parcels);
        } else if (size.duration != null) {
            if (size.duration.isZero() || size.duration.isNegative()) {
                throw new UsageError("--duration must be positive");
            }
            s = s.withDuration(size.duration.toMillis());
        }
        if (parcelRate != null) {
            if (!(parcelRate > 0)) {
                throw new UsageError("--parcel-rate must be positive");
            }
            s = s.withParcelsPerHour(parcelRate);
        }
        s = s.withDrain(drain.toMillis());
        if (pacing.speed != null) {
            if (!(pacing.speed > 0)) {
                throw new UsageError("--speed must be positive");
            }
            s = s.withPacing(Pacing.speed(pacing.speed));
        } else if (pacing.rate != null) {
            if (!(pacing.rate > 0)) {
                throw new UsageError("--rate must be positive");
            }
            s = s.withPacing(Pacing.rate(pacing.rate));
        }
        if (start != null) {
            try {
                s = s.withStart(start.equalsIgnoreCase("now") ? now / 1000 * 1000 : Iso8601.parse(start));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--start: " + e.getMessage());
            }
        }
        NetworkConfig net = s.network();
        if (hubs != null || outletsPerHub != null) {
            try {
                s = s.withNetwork(new NetworkConfig(hubs != null ? hubs : net.hubs(), outletsPerHub != null ? outletsPerHub : net.outletsPerHub(),
                        net.couriersPerOutlet(), net.lockersPerOutlet(), net.stationsPerOutlet()));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
        }
        try {
            AnomalyConfig a = anomalyOptions.none ? AnomalyConfig.NONE : s.anomalies();
            AnomalyOptions o = anomalyOptions;
            if (o.stale != null) a = a.withStaleShare(o.stale);
            if (o.lost != null) a = a.withLostShare(o.lost);
            if (o.damage != null) a = a.withDamageShare(o.damage);
            if (o.lockerViolation != null) a = a.withLockerViolationShare(o.lockerViolation);
            if (o.coldExcursion != null) a = a.withColdExcursionShare(o.coldExcursion);
            if (o.hubLossesPerDay != null) a = a.withHubLossPerDay(o.hubLossesPerDay);
            if (o.hubLossShare != null) a = a.withHubLossShare(o.hubLossShare);
            if (o.laneDisruptions != null) a = a.withLaneDisruptionsPerDay(o.laneDisruptions);
            if (o.complaints != null) a = a.withComplaintShare(o.complaints);
            if (o.lateResponses != null) a = a.withLateResponseShare(o.lateResponses);
            DisorderConfig d = disorderOptions.none ? DisorderConfig.NONE : s.disorder();
            DisorderOptions x = disorderOptions;
            if (x.late != null) d = d.withLateShare(x.late);
            if (x.lateMin != null || x.lateMax != null) {
                d = d.withLateDelays(x.lateMin != null ? x.lateMin.toMillis() : d.lateMinMillis(), x.lateMax != null ? x.lateMax.toMillis() : d.lateMaxMillis());
            }
            if (x.duplicates != null) d = d.withDuplicateShare(x.duplicates);
            if (x.corrections != null) d = d.withCorrectionShare(x.corrections);
            if (x.missing != null) d = d.withMissingShare(x.missing);
            return s.withAnomalies(a).withDisorder(d);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long now = System.currentTimeMillis();
        GeneratorSettings settings = settings(now);
        Path labelsPath = labels != null ? labels : outDir.resolve("labels.jsonl");
        Path outcomesPath = outcomes != null ? outcomes : outDir.resolve("outcomes.jsonl");

        KafkaSettings kafkaSettings = null;
        if (output.equals("kafka")) {
            try {
                kafkaSettings = kafka.settings();
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            for (String line : kafkaSettings.ensureTopics(List.of(kafka.scansTopic, kafka.complaintsTopic))) {
                err.println(line);
            }
        } else if (!List.of("avro", "jsonl", "none").contains(output)) {
            throw new UsageError("--output must be kafka, avro, jsonl or none, not '" + output + "'");
        }
        if (output.equals("avro")) {
            try {
                AvroFileSink.codec(avroCodec);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--avro-codec: " + e.getMessage());
            }
        }

        Simulation simulation = new Simulation(settings, now);
        RunWindow window = simulation.window();
        err.printf("Generating %s (seed %d, %s) from %s to %s simulated, %s; network %d hubs, %d outlets%n",
                settings.parcels() > 0 ? Formats.count(settings.parcels()) + " parcels" : Formats.simDuration(settings.durationMillis()) + " of parcels",
                settings.seed(), scenario, Iso8601.format(window.start()), Iso8601.format(window.end()), settings.pacing(),
                simulation.network().hubCount(), simulation.network().outlets().length);
        err.flush();

        EventSink sink = switch (output) {
            case "kafka" -> new KafkaSink(kafkaSettings);
            case "avro" -> new AvroFileSink(outDir, avroCodec, settings.seed());
            case "jsonl" -> new JsonLinesSink(outDir.resolve("events.jsonl"));
            default -> new NullSink(true);
        };
        RunStats stats = new RunStats();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulation.stop();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        GroundTruthFiles.LabelWriter labelWriter;
        GroundTruthFiles.OutcomeWriter outcomeWriter;
        try {
            labelWriter = new GroundTruthFiles.LabelWriter(labelsPath);
            outcomeWriter = new GroundTruthFiles.OutcomeWriter(outcomesPath);
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        long flushed;
        HeapWatcher heap = new HeapWatcher();
        try (heap; labelWriter; outcomeWriter;
             Progress progress = display.quiet ? null : new Progress("generate", progressSource(stats, settings, window), display.progressInterval.toMillis(), err)) {
            try {
                simulation.run(sink, labelWriter, outcomeWriter, stats);
            } finally {
                sink.close();
                flushed = System.nanoTime();
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
        summary(out, stats, settings, sink.describe(), labelWriter, outcomeWriter, (flushed - started) / 1e9, heap.describe(),
                processCpuNanos() - cpuStarted);
        return stats.stoppedEarly() ? 130 : 0;
    }

    /** CPU time of this JVM so far (all threads), or -1 if the platform does not say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static Progress.Source progressSource(RunStats stats, GeneratorSettings settings, RunWindow window) {
        return new Progress.Source() {
            @Override
            public long events() {
                return stats.eventsSentSoFar();
            }

            @Override
            public String detail(double averageRate, double elapsed) {
                long sim = stats.simTimeSoFar();
                if (sim == 0) {
                    return "starting";
                }
                double simFraction = (sim - window.start()) / (double) (window.end() - window.start());
                double fraction;
                String phase;
                if (settings.parcels() > 0 && stats.parcelsCreatedSoFar() < settings.parcels()) {
                    fraction = stats.parcelsCreatedSoFar() / (double) settings.parcels();
                    phase = Formats.count(stats.parcelsCreatedSoFar()) + "/" + Formats.count(settings.parcels()) + " parcels";
                } else if (settings.parcels() > 0) {
                    fraction = simFraction;
                    phase = "all parcels created, draining";
                } else {
                    fraction = simFraction;
                    phase = Formats.count(stats.parcelsCreatedSoFar()) + " parcels";
                }
                double left = fraction > 0.001 ? elapsed * (1 - fraction) / fraction : Double.NaN;
                if (settings.pacing().mode() == Pacing.Mode.SPEED) {
                    left = (window.end() - sim) / 1000.0 / settings.pacing().value();
                }
                return "sim " + Formats.time(sim) + " | " + phase + " | " + String.format(Locale.ROOT, "%.0f%%", 100 * simFraction)
                        + " of sim time | ETA " + Formats.duration(left);
            }
        };
    }

    private static void summary(PrintWriter out, RunStats s, GeneratorSettings settings, String where,
                                GroundTruthFiles.LabelWriter labels, GroundTruthFiles.OutcomeWriter outcomes, double wall, String heap,
                                long cpuNanos) {
        out.printf(Locale.ROOT, "%s %s events in %.1f s (%s events/s, all written and flushed) to %s%n",
                s.stoppedEarly() ? "Stopped early after" : "Generated", Formats.count(s.eventsSent()), wall,
                Formats.count(Math.round(s.eventsSent() / Math.max(wall, 1e-9))), where);
        RunWindow w = s.window();
        out.printf("Simulated time: %s .. %s (%s); seed %d%n", Iso8601.format(w.start()), Iso8601.format(w.end()),
                Formats.simDuration(w.end() - w.start()), settings.seed());
        Map<FinalStatus, Long> status = s.parcelsByStatus();
        out.printf("Parcels: %s created; %s delivered, %s lost, %s returned, %s still in flight at the end%n", Formats.count(s.parcelsCreated()),
                Formats.count(status.getOrDefault(FinalStatus.DELIVERED, 0L)), Formats.count(status.getOrDefault(FinalStatus.LOST, 0L)),
                Formats.count(status.getOrDefault(FinalStatus.RETURNED, 0L)), Formats.count(status.getOrDefault(FinalStatus.IN_FLIGHT, 0L)));
        out.println("Scan events by type (" + Formats.count(s.totalScans()) + "):");
        for (ScanType type : ScanType.values()) {
            if (s.scans(type) > 0) {
                out.printf("  %-18s %,14d%n", type, s.scans(type));
            }
        }
        out.printf("Complaint events (%s): opened %s, responded %s, closed %s%n", Formats.count(s.totalComplaintEvents()),
                Formats.count(s.complaints(ComplaintEventType.OPENED)), Formats.count(s.complaints(ComplaintEventType.RESPONDED)),
                Formats.count(s.complaints(ComplaintEventType.CLOSED)));
        out.printf("Disorder: %s late uploads, %s duplicates, %s corrections, %s missing scans%s%n", Formats.count(s.lateUploads()),
                Formats.count(s.duplicates()), Formats.count(s.corrections()), Formats.count(s.missing()),
                s.droppedAtEnd() > 0 ? ", " + Formats.count(s.droppedAtEnd()) + " held-back events not sent because the run ended" : "");
        out.println("Anomalies injected (labels by kind):");
        long total = 0;
        for (AlertKind kind : AlertKind.values()) {
            Long n = s.labelsByKind().get(kind);
            Long hidden = s.undetectableByKind().get(kind);
            if (kind != AlertKind.UNKNOWN) {
                out.printf("  %-24s %,10d%s%n", kind, n == null ? 0 : n,
                        hidden == null ? "" : String.format(" (%,d not detectable within this stream)", hidden));
                total += n == null ? 0 : n;
            }
        }
        out.printf("Network incidents: %d hub-loss windows, %d lane disruptions holding %s parcels%n", s.hubLossWindows(), s.laneDisruptions(),
                Formats.count(s.parcelsHeld()));
        out.printf("Labels:   %s (%s lines)%n", labels.path().toAbsolutePath(), Formats.count(labels.count()));
        out.printf("Outcomes: %s (%s lines)%n", outcomes.path().toAbsolutePath(), Formats.count(outcomes.count()));
        if (cpuNanos > 0 && s.eventsSent() > 0) {
            out.printf(Locale.ROOT, "CPU: %.2f s of CPU time in this process (all threads, GC included), %.2f µs per event%n", cpuNanos / 1e9,
                    cpuNanos / 1e3 / s.eventsSent());
        }
        out.printf("Memory: at most %s parcels in flight and %s held-back events; %s; max heap %s%n",
                Formats.count(s.peakParcelsInFlight()), Formats.count(s.peakDelayedEvents()), heap,
                Formats.megabytes(Runtime.getRuntime().maxMemory()));
        if (total == 0 && settings.anomalies().staleShare() > 0) {
            out.println("(no anomalies were injected: the run may be too small)");
        }
        out.flush();
    }
}
