package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.tracking.TrackerJob;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration both benchmark jobs run with: exactly the tracker's own
 * ({@link TrackerJob#flinkConfiguration}: RocksDB, incremental unaligned exactly-once checkpoints, timers in
 * RocksDB, the parallelism), plus what the benchmark needs to watch the job from outside: the mini
 * cluster's REST API on a known port, a metric fetcher refreshed every 2 s, and
 * RocksDB's own size estimates. Managed memory (RocksDB) is the tracker's local setting, shared by the slots.
 */
final class BenchFlinkConfig {
    /** RocksDB properties reported per column family (that is, per state) and subtask: a cross-check of the state size. */
    static final List<String> ROCKSDB_METRICS = List.of("estimate-num-keys", "estimate-live-data-size");

    /** How often the REST API's metrics are refreshed: readings of the flow are this far apart at best. */
    static final java.time.Duration METRICS_REFRESH = java.time.Duration.ofSeconds(2);

    private BenchFlinkConfig() {}

    static Configuration of(TrackerSettings settings, int restPort) {
        Configuration conf = TrackerJob.flinkConfiguration(settings);
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.port", Integer.toString(restPort));
        conf.setString("rest.bind-port", Integer.toString(restPort));
        // The REST API serves metrics from a cache this often refreshed (default 10 s). Each refresh dumps and parses every
        // metric of every subtask: at 500 ms that took 6% of the benchmark JVM's CPU samples (a profile of the tracker
        // run), CPU the jobs measured here then lacked.
        conf.setString("metrics.fetcher.update-interval", METRICS_REFRESH.toMillis() + " ms");
        // The live run lays every checkpoint of its minute or two beside the latencies (LiveTimeline); Flink keeps 10.
        conf.setString("web.checkpoints.history", "100");
        for (String property : ROCKSDB_METRICS) {
            conf.setString("state.backend.rocksdb.metrics." + property, "true");
        }
        return conf;
    }

    /** A port free right now on the loopback interface, for the next mini cluster's REST endpoint. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
