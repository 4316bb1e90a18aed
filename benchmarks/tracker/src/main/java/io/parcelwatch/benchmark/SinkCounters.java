package io.parcelwatch.benchmark;

import java.util.List;

/** The counters of the tracker's Elasticsearch sink writer (io.parcelwatch.io.elasticsearch.ElasticsearchSinkWriter), summed over subtasks. */
record SinkCounters(long written, long retried, long rejected, long conflicts) {
    static final List<String> COUNTERS = List.of("documentsWritten", "documentsRetried", "documentsRejected", "versionConflicts");

    /** Reads the counters of the one sink writer in {@code vertex}. */
    static SinkCounters read(BenchJob job, FlinkRest.Vertex vertex) throws Exception {
        long[] values = job.operatorCounters(vertex, COUNTERS.get(0), COUNTERS);
        return new SinkCounters(values[0], values[1], values[2], values[3]);
    }
}
