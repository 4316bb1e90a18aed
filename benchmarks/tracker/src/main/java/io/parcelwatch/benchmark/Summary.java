package io.parcelwatch.benchmark;

import io.parcelwatch.tracking.TrackerJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The one summary block printed at the end of a run (and written to a file), with the goals beside the figures. */
final class Summary {
    static final double GOAL_RATIO = 1.0;
    static final double GOAL_WRITES_PER_EVENT = 0.3;
    static final double GOAL_P99_SECONDS = 3.0;

    private Summary() {}

    static List<String> lines(Report r) {
        List<String> lines = new ArrayList<>();
        MachineInfo m = r.machine();
        RunSettings s = r.settings();
        lines.add("=== ParcelWatch tracker benchmark: summary (started " + r.startedAt().truncatedTo(ChronoUnit.SECONDS) + ") ===");
        lines.add(f("Machine:     %d cores (%s), %,d MiB memory, load average %s at start", m.cores(), m.cpu(), m.memoryMiB(),
                m.loadAverage()));
        lines.add(f("             %s; benchmark JVM %s", m.java(), m.jvmOptions().isEmpty() ? "(JVM defaults)" : m.jvmOptions()));
        LoadFigures load = r.load();
        if (load != null) {
            lines.add(f("Settings:    scale %s: %,d events from %,d parcels (%.1f scan events per parcel, generator --drain %s)",
                    load.scale(), r.events(), load.parcels(), load.eventsPerParcel(), load.drain()));
            lines.add(f("             preloaded in %.1f s into topic %s (%d partitions)", load.seconds(), s.topic(), s.partitions()));
        } else {
            lines.add(f("Settings:    %,d events in topic %s (%d partitions)", r.events(), s.topic(), s.partitions()));
        }
        lines.add(f("             parallelism %d; RocksDB, incremental %s exactly-once checkpoints every %s, timers in RocksDB;",
                s.parallelism(), s.unalignedCheckpoints() ? "unaligned" : "aligned", io.parcelwatch.common.DurationConverter.format(s.checkpointInterval())));
        lines.add(f("             status flush interval %s (stretched up to %s while catching up or Elasticsearch is behind); watermarks %s out-of-orderness, %s idleness;",
                io.parcelwatch.common.DurationConverter.format(s.flushInterval()), io.parcelwatch.common.DurationConverter.format(s.catchUpFlushInterval()), io.parcelwatch.common.DurationConverter.format(s.maxOutOfOrderness()), io.parcelwatch.common.DurationConverter.format(s.idleness())));
        lines.add("             Flink mini cluster: " + TrackerJob.localManagedMemory()
                + " managed memory (RocksDB cache and write buffers, the tracker's setting) shared by the slots; network buffers at Flink's default");

        double baseline = r.baseline() == null ? Double.NaN : r.baseline().recordsPerSecond();
        double tracker = r.tracker() == null ? Double.NaN : r.tracker().recordsPerSecond();
        double ratio = tracker / baseline;
        lines.add(f("Throughput:  naive baseline (1 state get+put, 1 new timer per scan)  %s", rate(r.baseline())));
        lines.add(f("             tracker (TrackerJob.build, writing to Elasticsearch)  %s", rate(r.tracker())));
        lines.add(f("             ratio tracker/baseline %s                            goal >= %.1f: %s",
                Double.isNaN(ratio) ? "n/a " : f("%.2f", ratio), GOAL_RATIO, verdict(ratio, ratio >= GOAL_RATIO)));
        lines.add("             (events/s while records flowed, start-up excluded)");
        lines.add("             baseline: " + flow(r.baseline()));
        lines.add("             tracker:  " + flow(r.tracker()) + (r.tracker() == null ? "" : " (its chain: tracker, ES sink)"));
        if (alignmentBound(r.baseline()) || alignmentBound(r.tracker())) {
            lines.add("             NOTE: a source spent most of the flow paused by watermark alignment: its rate is largely the");
            lines.add("             alignment's cap on reading a backlog, not the cost of state and timers.");
        }

        TrackerFigures t = r.trackerFigures();
        if (t != null) {
            double perEvent = t.writesPerEvent(r.events());
            lines.add(f("ES writes:   %.3f parcel documents per event while consuming the backlog      goal < %.1f: %s", perEvent,
                    GOAL_WRITES_PER_EVENT, verdict(perEvent, perEvent < GOAL_WRITES_PER_EVENT)));
            lines.add(f("             sink: %,d written, %,d retried, %,d rejected, %,d version conflicts", t.documentsWritten(),
                    t.documentsRetried(), t.documentsRejected(), t.versionConflicts()));
            lines.add(f("             writes held back while catching up: looked at and held again %,d times (%.3f per event), "
                    + "%,d released at a look after catching up", t.heldWrites().heldAgain(),
                    r.events() == 0 ? Double.NaN : t.heldWrites().heldAgain() / (double) r.events(), t.heldWrites().released()));
            lines.add(f("             Elasticsearch: index_total %,d (%.1f s spent indexing), %,d parcel documents, %,d alert writes, %,d dead letters",
                    t.esIndexTotal(), t.esIndexMillis() / 1000.0, t.esDocuments(), t.alertsWritten(), t.deadLetters()));
            lines.add("             " + predictions(t.predictions(), t.documentsWritten()));
        }
        LatencyFigures l = r.latency();
        if (l != null) {
            lines.add(f("             %.3f per event during the live latency run                     goal < %.1f: %s", l.writesPerEvent(),
                    GOAL_WRITES_PER_EVENT, verdict(l.writesPerEvent(), l.writesPerEvent() < GOAL_WRITES_PER_EVENT)));
            lines.add("             live: " + predictions(l.predictions(), l.documents()));
            LatencyProbe.Stretch p = l.probe().measured();
            LatencyProbe.Stretch w = l.probe().warmUp();
            double p99 = p.visible() == 0 ? Double.NaN : p.latencyMs().getValueAtPercentile(99) / 1000.0;
            // Samples that never became visible are not in the quantiles; if more than 1 % timed out, p99 would be beyond the timeout.
            boolean p99Meaningful = p.samples() > 0 && p.timedOut() <= p.samples() / 100;
            lines.add(f("Latency:     scan-to-visible p50 %s, p90 %s, p99 %s, max %s   goal p99 < %.0f s: %s",
                    seconds(p, 50), seconds(p, 90), seconds(p, 99), maxSeconds(p), GOAL_P99_SECONDS,
                    verdict(p99, p99Meaningful && p99 < GOAL_P99_SECONDS)));
            lines.add(f("             %,d samples (1 in %d scans), %,d not visible within %s; generator --rate %,.0f (measured %,.0f events/s), "
                    + "measured for %.0f s after %s of warm-up", p.samples(), l.sampleEvery(), p.timedOut(),
                    io.parcelwatch.common.DurationConverter.format(l.timeout()), l.targetRate(), l.measuredRate(), l.seconds(),
                    io.parcelwatch.common.DurationConverter.format(l.warmUp())));
            lines.add(f("             warm-up (not in the figures): p50 %s, p99 %s, max %s; %,d samples, %,d not visible", seconds(w, 50),
                    seconds(w, 99), maxSeconds(w), w.samples(), w.timedOut()));
            lines.add("             (clock starts when the probe consumed the scan, slightly after it was produced; search polled every "
                    + LatencyProbe.POLL_MILLIS + " ms)");
            lines.addAll(behind(l));
        }
        lines.addAll(cpu(r));
        if (r.baseline() != null) {
            lines.add("Checkpoints: baseline " + checkpoint(r.baseline().checkpoint()));
        }
        if (r.tracker() != null) {
            lines.add((r.baseline() == null ? "Checkpoints: " : "             ") + "tracker  " + checkpoint(r.tracker().checkpoint()));
        }
        if (t != null && r.tracker() != null) {
            lines.add("State:       " + statePerParcel(r.tracker(), t));
            lines.add("Timers:      fired while consuming: tracker " + timers(r.tracker())
                    + (r.baseline() == null ? "" : ", baseline " + timers(r.baseline())));
        }
        return lines;
    }

    /**
     * How far the live job fell behind its input. Behind by more than the latency goal, the scans waited longer than that
     * to be read at all: the rate was past what the job sustains here, and the latency measures the backlog.
     */
    static List<String> behind(LatencyFigures l) {
        if (l.mostBehind() < 0) {
            return List.of("             how far the job's source fell behind its input: not read");
        }
        double seconds = l.mostBehindSeconds();
        String line = f("             the job's source was at most %,d records behind its input in the measured stretch (%.1f s of it)",
                l.mostBehind(), seconds);
        if (!(seconds > GOAL_P99_SECONDS)) { // NaN (no rate measured) is no evidence of saturation
            return List.of(line);
        }
        return List.of(line, f("             more than %.0f s: the live rate was past what the job sustains on this machine, and the latency is "
                + "mostly that wait; a lower --latency-rate measures it below saturation", GOAL_P99_SECONDS));
    }

    /** Threads listed by name in a CPU breakdown; the rest are summed. */
    static final int CPU_GROUPS_SHOWN = 8;
    private static final int CPU_LINE_WIDTH = 150;

    /**
     * Where the CPU went: this JVM's (the job) and the Elasticsearch node's, in cores and per event, while catching up and
     * live; per event, the tracker's JVM against the baseline's, which is what bounds the ratio on a machine both saturate.
     */
    private static List<String> cpu(Report r) {
        List<String> lines = new ArrayList<>();
        CpuUsage baseline = r.baseline() == null ? CpuUsage.UNKNOWN : r.baseline().cpu();
        CpuUsage tracker = r.tracker() == null ? CpuUsage.UNKNOWN : r.tracker().cpu();
        CpuUsage live = r.latency() == null ? CpuUsage.UNKNOWN : r.latency().cpu();
        if (baseline.known()) {
            lines.add("baseline, while records flowed: " + cpuFigures(baseline, r.baseline().recordsPerSecond()));
        }
        if (tracker.known()) {
            lines.add("tracker, while records flowed: " + cpuFigures(tracker, r.tracker().recordsPerSecond()));
            if (baseline.known()) {
                lines.add(f("per event, the tracker's JVM used %.1fx the CPU of the baseline's",
                        tracker.jvmMicrosPerEvent(r.tracker().recordsPerSecond()) / baseline.jvmMicrosPerEvent(r.baseline().recordsPerSecond())));
            }
            lines.addAll(threads("tracker's threads, in cores: ", tracker));
        }
        if (live.known()) {
            lines.add("live, measured stretch: " + cpuFigures(live, r.latency().measuredRate()));
            lines.addAll(threads("live threads, in cores: ", live));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add((i == 0 ? "CPU:         " : "             ") + lines.get(i));
        }
        return out;
    }

    private static String cpuFigures(CpuUsage cpu, double eventsPerSecond) {
        String es = Double.isNaN(cpu.elasticsearchCores()) ? "Elasticsearch not read"
                : f("Elasticsearch %.2f cores (%.0f µs per event)", cpu.elasticsearchCores(), cpu.elasticsearchMicrosPerEvent(eventsPerSecond));
        return f("this JVM %.2f cores (%.0f µs per event), %s, over %.0f s", cpu.cores(), cpu.jvmMicrosPerEvent(eventsPerSecond), es,
                cpu.seconds());
    }

    private static List<String> threads(String title, CpuUsage cpu) {
        List<String> parts = new ArrayList<>();
        double rest = 0;
        for (int i = 0; i < cpu.groups().size(); i++) {
            CpuUsage.Share share = cpu.groups().get(i);
            if (i < CPU_GROUPS_SHOWN) {
                parts.add(f("%s %.2f", share.group(), share.cores()));
            } else {
                rest += share.cores();
            }
        }
        if (rest > 0) {
            parts.add(f("%d others %.2f", cpu.groups().size() - CPU_GROUPS_SHOWN, rest));
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(title);
        boolean empty = true;
        for (String part : parts) {
            if (!empty && line.length() + part.length() + 2 > CPU_LINE_WIDTH) {
                lines.add(line.append(';').toString());
                line = new StringBuilder("  ");
            } else if (!empty) {
                line.append("; ");
            }
            line.append(part);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    static void write(List<String> lines, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    private static String rate(ThroughputMeasurement.Result result) {
        return result == null ? "  skipped" : f("%,9.0f events/s", result.recordsPerSecond());
    }

    private static String flow(ThroughputMeasurement.Result result) {
        if (result == null) {
            return "skipped";
        }
        double paused = result.alignmentPausedShare();
        // Only worth a word when it happens (the tracker's source no longer aligns its partitions).
        String pausedText = paused > 0.01 ? f(", source paused by watermark alignment %.0f%% of it", 100 * paused) : "";
        String busy = Double.isNaN(result.keyedBusyShare()) ? "" : f(", keyed vertex busy %.0f%%", 100 * result.keyedBusyShare());
        return f("%.1f s of flow after %.1f s of start-up%s%s", result.flowSeconds(), result.startupSeconds(), busy, pausedText);
    }

    /** More than half of the flow paused: the rate tells the alignment's cap more than the job's cost. */
    private static boolean alignmentBound(ThroughputMeasurement.Result result) {
        return result != null && result.alignmentPausedShare() > 0.5;
    }

    private static String checkpoint(CheckpointFigures c) {
        return f("checkpoint %d: full %s, incremental %s, keyed-by-parcel vertex %s; %,d ms", c.id(), bytes(c.fullBytes()),
                bytes(c.incrementalBytes()), c.keyedFullBytes() < 0 ? "?" : bytes(c.keyedFullBytes()), c.durationMillis());
    }

    private static String statePerParcel(ThroughputMeasurement.Result tracker, TrackerFigures t) {
        CheckpointFigures c = tracker.checkpoint();
        long parcels = t.parcelsInState();
        if (parcels <= 0 || c.keyedFullBytes() <= 0) {
            return "state per parcel unknown (no checkpoint size or parcel count)";
        }
        StringBuilder text = new StringBuilder(f("%,.0f bytes per parcel: the tracker vertex's full checkpoint %s / %,d parcels in state",
                c.keyedFullBytes() / (double) parcels, bytes(c.keyedFullBytes()), parcels));
        text.append(f("%n             (parcels in state = %,d distinct parcels in Elasticsearch - %,d cleared after retention)",
                t.esDocuments(), t.parcelsCleared()));
        RocksDbEstimates rocks = tracker.rocksDb();
        if (rocks.stateLiveBytes() >= 0) {
            text.append(f("%n             RocksDB's own estimates for the parcel state: live data %s (%,.0f bytes per parcel), %,d keys"
                            + " (overwritten values count until compacted)",
                    bytes(rocks.stateLiveBytes()), rocks.stateLiveBytes() / (double) parcels, rocks.stateKeys()));
        }
        return text.toString();
    }

    private static String timers(ThroughputMeasurement.Result result) {
        return f("%,d (%.2f per event)", result.firedTimers(), result.firedTimers() / (double) result.records());
    }

    private static String seconds(LatencyProbe.Stretch p, double percentile) {
        return p.visible() == 0 ? "n/a" : f("%.2f s", p.latencyMs().getValueAtPercentile(percentile) / 1000.0);
    }

    private static String maxSeconds(LatencyProbe.Stretch p) {
        return p.visible() == 0 ? "n/a" : f("%.2f s", p.latencyMs().getMaxValue() / 1000.0);
    }

    /** The forecaster's predictions beside the documents they were made for; "n/a" where the counter read nothing. */
    private static String predictions(Predictions p, long documents) {
        if (p.count() == 0) {
            return "delivery predictions: n/a (the forecaster's counter read 0)";
        }
        return f("delivery predictions: %,d, %.2f per parcel document written, %s", p.count(), p.perDocument(documents),
                p.cpuNanos() == 0 ? "CPU time not read (the JVM does not measure a thread's)" : f("%.0f µs of CPU each (in the job)", p.microsEach()));
    }

    private static String verdict(double value, boolean met) {
        return Double.isNaN(value) ? "n/a" : met ? "met" : "NOT met";
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024 * 1024) {
            return f("%.1f KiB", bytes / 1024.0);
        }
        return f("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
