package io.parcelwatch.generator.cli;

import io.parcelwatch.generator.output.AvroFileSink;
import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.generator.output.Iso8601;
import io.parcelwatch.generator.output.JsonLinesSink;
import io.parcelwatch.generator.output.KafkaSettings;
import io.parcelwatch.generator.output.KafkaSink;
import io.parcelwatch.generator.output.NullSink;
import io.parcelwatch.io.KafkaTopics;
import io.parcelwatch.generator.replay.RecordedStream;
import io.parcelwatch.generator.replay.RecordedStreams;
import io.parcelwatch.generator.replay.Replayer;
import io.parcelwatch.generator.sim.Pacing;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ScanType;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {
                "Publishes a recorded stream (ParcelWatch JSON Lines, or Avro container files of ScanEvent / ComplaintEvent records) "
                        + "in its recorded order, at --speed N times its original pace or as fast as possible. Each parcel's events keep "
                        + "their order. Event times are sent as recorded.",
                "",
                "The original pace comes from the 'arrivalTime' of JSON Lines events when present, otherwise from the latest event "
                        + "time seen so far (so late uploads go out at once, as they arrived). A directory written by 'generate' "
                        + "replays its events.jsonl or scans.avro + complaints.avro.",
                ""},
        footer = {"", "Examples:",
                "  replay run1/events.jsonl --speed 100",
                "  replay run1 --bootstrap-servers 127.0.0.1:9092",
                "  replay run1/scans.avro run1/complaints.avro --output jsonl --out-dir converted"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recording(s): .jsonl, .avro, or a directory written by generate.")
    List<Path> files;

    @Option(names = "--speed", paramLabel = "FACTOR", description = "Replay FACTOR times faster than recorded. Default: as fast as possible.")
    Double speed;

    @Option(names = "--output", defaultValue = "kafka", paramLabel = "kafka|avro|jsonl|none",
            description = "Where events go (files convert a recording). Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--out-dir", defaultValue = "parcelwatch-replay", paramLabel = "DIR", description = "For file output. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @ArgGroup(exclusive = false, heading = "%nKafka:%n")
    KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--avro-codec", defaultValue = "deflate", paramLabel = "null|deflate|snappy|zstandard",
            description = "Compression of Avro container files (--output avro). Default: ${DEFAULT-VALUE}.")
    String avroCodec;

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (speed != null && !(speed > 0)) {
            throw new UsageError("--speed must be positive");
        }
        Pacing pacing = speed == null ? Pacing.AS_FAST_AS_POSSIBLE : Pacing.speed(speed);
        RecordedStream stream = RecordedStreams.open(files);
        EventSink sink;
        try {
            sink = switch (output) {
                case "kafka" -> {
                    KafkaSettings settings;
                    try {
                        settings = kafka.settings();
                    } catch (IllegalArgumentException e) {
                        throw new UsageError(e.getMessage());
                    }
                    for (String line : settings.ensureTopics(List.of(kafka.scansTopic, kafka.complaintsTopic))) {
                        err.println(line);
                    }
                    yield new KafkaSink(settings);
                }
                case "avro" -> new AvroFileSink(outDir, avroCodec, 0);
                case "jsonl" -> new JsonLinesSink(outDir.resolve("events.jsonl"));
                case "none" -> new NullSink(false);
                default -> throw new UsageError("--output must be kafka, avro, jsonl or none, not '" + output + "'");
            };
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        err.printf("Replaying %s to %s, %s%n", stream.describe(), sink.describe(), speed == null ? "as fast as possible" : speed + "x the recorded pace");
        err.flush();
        Replayer replayer = new Replayer(pacing);
        Replayer.Stats stats = new Replayer.Stats();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            replayer.stop();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try (stream; Progress progress = display.quiet ? null : new Progress("replay", source(stats), display.progressInterval.toMillis(), err)) {
            try {
                replayer.replay(stream, sink, stats);
            } finally {
                sink.close();
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
        double wall = stats.wallSeconds();
        out.printf("%s %s events in %s (%s events/s) to %s%n", stats.stoppedEarly() ? "Stopped early after replaying" : "Replayed",
                Formats.count(stats.events()), Formats.duration(wall), Formats.count(Math.round(stats.events() / Math.max(wall, 1e-9))), sink.describe());
        if (stats.events() > 0) {
            long span = stats.lastPace() - stats.firstPace();
            out.printf("Recorded span: %s .. %s (%s of original time)%n", Iso8601.format(stats.firstPace()), Iso8601.format(stats.lastPace()),
                    Formats.simDuration(span));
        }
        out.println("Scan events by type:");
        for (ScanType type : ScanType.values()) {
            if (stats.scans(type) > 0) {
                out.printf("  %-18s %,14d%n", type, stats.scans(type));
            }
        }
        out.printf("Complaint events: opened %s, responded %s, closed %s%n", Formats.count(stats.complaints(ComplaintEventType.OPENED)),
                Formats.count(stats.complaints(ComplaintEventType.RESPONDED)), Formats.count(stats.complaints(ComplaintEventType.CLOSED)));
        out.flush();
        return stats.stoppedEarly() ? 130 : 0;
    }

    private static Progress.Source source(Replayer.Stats stats) {
        return new Progress.Source() {
            @Override
            public long events() {
                return stats.events();
            }

            @Override
            public String detail(double averageRate, double elapsed) {
                double fraction = stats.size() > 0 ? stats.bytesRead() / (double) stats.size() : 0;
                String at = stats.lastPace() == Long.MIN_VALUE ? "" : "at " + Formats.time(stats.lastPace()) + " | ";
                double left = fraction > 0.001 ? elapsed * (1 - fraction) / fraction : Double.NaN;
                return at + String.format(Locale.ROOT, "%.0f%% of input", 100 * fraction) + " | ETA " + Formats.duration(left);
            }
        };
    }
}
