package io.parcelwatch.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU time of this JVM's threads and of the Elasticsearch node at one moment; two of them give a stretch's
 * {@link CpuUsage}. The jobs run in this JVM's mini cluster, so its threads are the jobs' tasks (one per operator chain and
 * subtask), the Elasticsearch client's I/O threads, Flink's network buffer flushers and the benchmark's own few.
 */
final class ThreadCpu {
    /** What the JVM does not list as threads: its compilers and garbage collector, and threads that ended in the stretch. */
    static final String UNLISTED = "JIT, GC, threads ended meanwhile";
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)(#\\d+)?$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int MAX_GROUP_NAME = 60;

    private final long nanos;
    private final long processCpuNanos;
    private final Map<Long, ThreadTime> threads;
    private final long elasticsearchCpuMillis;

    /** One thread's CPU time so far. */
    record ThreadTime(String name, long cpuNanos) {}

    ThreadCpu(long nanos, long processCpuNanos, Map<Long, ThreadTime> threads, long elasticsearchCpuMillis) {
        this.nanos = nanos;
        this.processCpuNanos = processCpuNanos;
        this.threads = Map.copyOf(threads);
        this.elasticsearchCpuMillis = elasticsearchCpuMillis;
    }

    /** Now; the Elasticsearch node's CPU from its node stats (-1 where they cannot be read). */
    static ThreadCpu take(EsIndices es) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadTime> threads = new HashMap<>();
        if (mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled()) {
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue; // ended since the ids were listed
                }
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    threads.put(info.getThreadId(), new ThreadTime(info.getThreadName(), cpu));
                }
            }
        }
        return new ThreadCpu(System.nanoTime(), processCpuNanos(), threads, es == null ? -1 : es.nodeWork().cpuMillis());
    }

    /** This JVM's CPU time so far; -1 where the JVM does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** What was used from {@code earlier} to this moment; a thread started meanwhile counts from zero. */
    CpuUsage since(ThreadCpu earlier) {
        double seconds = (nanos - earlier.nanos) / 1e9;
        if (seconds <= 0) {
            return CpuUsage.UNKNOWN;
        }
        Map<String, Long> byGroup = new HashMap<>();
        long listed = 0;
        for (Map.Entry<Long, ThreadTime> entry : threads.entrySet()) {
            ThreadTime before = earlier.threads.get(entry.getKey());
            long used = entry.getValue().cpuNanos() - (before == null ? 0 : before.cpuNanos());
            if (used > 0) {
                byGroup.merge(group(entry.getValue().name()), used, Long::sum);
                listed += used;
            }
        }
        double processCores = processCpuNanos < 0 || earlier.processCpuNanos < 0 ? Double.NaN
                : (processCpuNanos - earlier.processCpuNanos) / 1e9 / seconds;
        List<CpuUsage.Share> groups = new ArrayList<>();
        byGroup.forEach((group, used) -> groups.add(new CpuUsage.Share(group, used / 1e9 / seconds)));
        if (!Double.isNaN(processCores)) {
            double unlisted = processCores - listed / 1e9 / seconds;
            if (unlisted > 0) {
                groups.add(new CpuUsage.Share(UNLISTED, unlisted));
            }
        }
        groups.sort(Comparator.comparingDouble(CpuUsage.Share::cores).reversed());
        double esCores = elasticsearchCpuMillis < 0 || earlier.elasticsearchCpuMillis < 0 ? Double.NaN
                : (elasticsearchCpuMillis - earlier.elasticsearchCpuMillis) / 1e3 / seconds;
        return new CpuUsage(seconds, processCores, groups, esCores);
    }

    /**
     * The group a thread's CPU is counted in: a Flink task's name without its subtask ("track parcels (1/2)#0" is
     * "track parcels"), all network buffer flushers together, other names with their numbers as #.
     */
    static String group(String thread) {
        String name = SUBTASK.matcher(thread).replaceFirst("");
        if (name.startsWith("OutputFlusher")) {
            return "network buffer flushers";
        }
        if (name.startsWith("Source Data Fetcher")) {
            return "Kafka source fetchers";
        }
        name = DIGITS.matcher(name).replaceAll("#");
        return name.length() > MAX_GROUP_NAME ? name.substring(0, MAX_GROUP_NAME - 3) + "..." : name;
    }
}
