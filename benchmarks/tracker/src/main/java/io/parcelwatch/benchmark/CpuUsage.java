package io.parcelwatch.benchmark;

import java.util.List;

/**
 * Where the CPU went over a stretch of a run ({@link ThreadCpu}), in cores: 1.0 is one core busy the whole stretch.
 *
 * @param seconds            how long the stretch lasted
 * @param cores              this JVM's CPU (the job in its mini cluster, the benchmark's probe); NaN if not read
 * @param groups             this JVM's CPU by group of threads, largest first
 * @param elasticsearchCores the Elasticsearch node's CPU; NaN if not read
 */
record CpuUsage(double seconds, double cores, List<Share> groups, double elasticsearchCores) {
    static final CpuUsage UNKNOWN = new CpuUsage(0, Double.NaN, List.of(), Double.NaN);

    /** One group of threads. */
    record Share(String group, double cores) {}

    CpuUsage {
        groups = List.copyOf(groups);
    }

    boolean known() {
        return !Double.isNaN(cores);
    }

    /** Microseconds of this JVM's CPU per event at {@code eventsPerSecond}. */
    double jvmMicrosPerEvent(double eventsPerSecond) {
        return cores * 1e6 / eventsPerSecond;
    }

    /** Microseconds of the Elasticsearch node's CPU per event at {@code eventsPerSecond}. */
    double elasticsearchMicrosPerEvent(double eventsPerSecond) {
        return elasticsearchCores * 1e6 / eventsPerSecond;
    }
}
