package io.parcelwatch.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RocksDB's own estimates for one state (column family) of a keyed vertex, summed over its subtasks:
 * keys (for the tracker, parcels) and live data size. Estimates, as RocksDB says: a key overwritten or
 * deleted counts again until compaction removes the old entry, so the key count runs high for state
 * that is rewritten on every scan. -1 where the metric is not reported.
 */
record RocksDbEstimates(long stateKeys, long stateLiveBytes) {

    static RocksDbEstimates read(BenchJob job, FlinkRest.Vertex vertex, String state) throws Exception {
        List<String> names = job.metricNames(vertex);
        String keys = find(names, state, "estimate-num-keys");
        String live = find(names, state, "estimate-live-data-size");
        List<String> wanted = new ArrayList<>();
        for (String name : new String[] {keys, live}) {
            if (name != null) {
                wanted.add(name);
            }
        }
        Map<String, Double> sums = job.sums(vertex, wanted);
        return new RocksDbEstimates(value(sums, keys), value(sums, live));
    }

    /** The metric of that property for the column family named {@code columnFamily}: {@code <operator>.<column family>.rocksdb_<property>}. */
    static String find(List<String> names, String columnFamily, String property) {
        return names.stream().filter(n -> n.endsWith(".rocksdb_" + property) && n.contains("." + columnFamily + ".rocksdb_"))
                .findFirst().orElse(null);
    }

    private static long value(Map<String, Double> sums, String name) {
        return name == null || !sums.containsKey(name) ? -1 : Math.round(sums.get(name));
    }
}
