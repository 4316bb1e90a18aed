package io.parcelwatch.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The counters of the tracker's Elasticsearch sink writer (io.parcelwatch.io.elasticsearch.ElasticsearchSinkWriter), summed over subtasks. */
record SinkCounters(long written, long retried, long rejected, long conflicts) {
    static final List<String> COUNTERS = List.of("documentsWritten", "documentsRetried", "documentsRejected", "versionConflicts");

    /** Reads the counters of the one sink writer in {@code vertex}. */
    static SinkCounters read(BenchJob job, FlinkRest.Vertex vertex) throws Exception {
        String written = job.metricName(vertex, n -> n.endsWith(".documentsWritten"), Duration.ofSeconds(30));
        String operator = written.substring(0, written.length() - "documentsWritten".length());
        List<String> names = COUNTERS.stream().map(c -> operator + c).toList();
        Map<String, Double> sums = job.sums(vertex, names);
        long[] values = names.stream().mapToLong(n -> Math.round(sums.getOrDefault(n, 0.0))).toArray();
        return new SinkCounters(values[0], values[1], values[2], values[3]);
    }
}
