package io.parcelwatch.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live run laid out in {@link LiveConditions#EVERY} steps: how slow the scans seen in each step were
 * beside what the job, Elasticsearch and the benchmark JVM did in it, and the checkpoints triggered in it.
 * A p99 above the goal is a few slow steps or a steady shortfall; this says which, and what ran then.
 */
final class LiveTimeline {
    /** A sampled scan that became visible: when the probe saw it ({@link System#nanoTime()}) and how long it took. */
    record Visible(long seenNanos, long latencyMs) {}

    /** A checkpoint from Flink's history, in {@link System#nanoTime()} terms. */
    record Checkpoint(long id, long triggerNanos, long durationMs, String status) {}

    private LiveTimeline() {}

    /** The checkpoints of Flink's history ({@code /jobs/<id>/checkpoints}), wall times mapped to nano time by one pair of readings. */
    static List<Checkpoint> checkpoints(JsonNode overview, long wallMillis, long nanos) {
        List<Checkpoint> list = new ArrayList<>();
        for (JsonNode c : overview.path("history")) {
            long trigger = c.path("trigger_timestamp").asLong();
            list.add(new Checkpoint(c.path("id").asLong(), nanos + (trigger - wallMillis) * 1_000_000, c.path("end_to_end_duration").asLong(),
                    c.path("status").asText()));
        }
        list.sort((a, b) -> Long.compare(a.id(), b.id()));
        return list;
    }

    /**
     * One line per step between consecutive readings, from the one the first record arrived in to the last.
     *
     * @param startNanos       when the generator's first record arrived (time 0 of the lines)
     * @param trackerSubtasks  parallelism of the tracker's vertex (its busy times are summed over subtasks)
     * @param sinkSubtasks     parallelism of the status sink's vertex
     */
    static List<String> render(long startNanos, List<LiveConditions.Reading> readings, List<Visible> visible, List<Checkpoint> checkpoints,
                               int trackerSubtasks, int sinkSubtasks) {
        List<String> lines = new ArrayList<>();
        lines.add("     t s  scans  p50 s  max s   behind  tracker busy/bp  sink busy/bp  ES docs/s merge refresh gc ms  cpu  bench cpu gc ms"
                + "  checkpoints (id: ms)");
        for (int i = 1; i < readings.size(); i++) {
            LiveConditions.Reading a = readings.get(i - 1);
            LiveConditions.Reading b = readings.get(i);
            if (b.nanos() <= startNanos) {
                continue; // waiting for the generator's first record: nothing to see
            }
            double ms = (b.nanos() - a.nanos()) / 1e6;
            long[] latencies = visible.stream().filter(v -> v.seenNanos() >= a.nanos() && v.seenNanos() < b.nanos())
                    .mapToLong(Visible::latencyMs).sorted().toArray();
            StringBuilder cps = new StringBuilder();
            for (Checkpoint c : checkpoints) {
                if (c.triggerNanos() >= a.nanos() && c.triggerNanos() < b.nanos()) {
                    cps.append(cps.isEmpty() ? "" : ", ").append(c.id()).append(": ")
                            .append(c.status().equals("COMPLETED") ? Long.toString(c.durationMs()) : c.status());
                }
            }
            lines.add(String.format(Locale.ROOT, "  %6.0f %6d %6s %6s %8s  %7s/%-7s  %6s/%-6s %9s %5s %7s %5s %4s  %9s %5s  %s",
                    (a.nanos() - startNanos) / 1e9, latencies.length, quantile(latencies, 0.5), quantile(latencies, 1.0),
                    count(b.behind()),
                    share(a.trackerBusyMs(), b.trackerBusyMs(), ms * trackerSubtasks), share(a.trackerBackMs(), b.trackerBackMs(), ms * trackerSubtasks),
                    share(a.sinkBusyMs(), b.sinkBusyMs(), ms * sinkSubtasks), share(a.sinkBackMs(), b.sinkBackMs(), ms * sinkSubtasks),
                    perSecond(a.esIndexed(), b.esIndexed(), ms), share(a.esMergeMs(), b.esMergeMs(), ms), share(a.esRefreshMs(), b.esRefreshMs(), ms),
                    delta(a.esGcMs(), b.esGcMs()), share(a.esCpuMs(), b.esCpuMs(), ms), share(a.benchCpuMs(), b.benchCpuMs(), ms),
                    delta(a.benchGcMs(), b.benchGcMs()), cps));
        }
        lines.add("     (behind: records on the topic the job had not read at the step's end, as its source reports them; busy/bp: share of the step the vertex's "
                + "subtasks were busy / back-pressured; merge, refresh, cpu: Elasticsearch's, in cores (1.0 = one core all the step); "
                + "bench: this JVM's CPU in cores)");
        return lines;
    }

    private static String quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return String.format(Locale.ROOT, "%.2f", sorted[Math.max(0, i)] / 1000.0);
    }

    private static String share(long from, long to, double spanMs) {
        if (from < 0 || to < 0 || spanMs <= 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.2f", (to - from) / spanMs);
    }

    private static String perSecond(long from, long to, double spanMs) {
        if (from < 0 || to < 0 || spanMs <= 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%,.0f", (to - from) * 1000.0 / spanMs);
    }

    private static String delta(long from, long to) {
        return from < 0 || to < 0 ? "?" : Long.toString(to - from);
    }

    private static String count(long n) {
        return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
    }
}
