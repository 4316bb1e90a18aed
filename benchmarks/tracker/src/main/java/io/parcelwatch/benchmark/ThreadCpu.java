package io.parcelwatch.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The CPU time of this JVM's threads and of the Elasticsearch node at one moment; two of them give a stretch's
 * {@link CpuUsage}. The jobs run in this JVM's mini cluster, so its threads are the jobs' tasks (one per operator chain and
 * subtask), the Elasticsearch client's I/O threads, Flink's network buffer flushers and the benchmark's own few.
 */
final class ThreadCpu {
    /** What the JVM does not list as threads and /proc does not name below, and threads that ended in the stretch. */
    static final String UNLISTED = "other unlisted, threads ended meanwhile";
    /**
     * Native threads the JVM does not list, by the start of their name in {@code /proc/self/task/<tid>/comm} (Linux; 15 characters):
     * the JIT's compiler threads, the garbage collector's (with the VM thread that runs its pauses), RocksDB's flushes and compactions.
     */
    static final Map<String, String> NATIVE_GROUPS = Map.of(
            "C1 CompilerThre", "JIT compilers", "C2 CompilerThre", "JIT compilers",
            "GC Thread", "GC and VM thread", "G1 ", "GC and VM thread", "VM Thread", "GC and VM thread",
            "rocksdb:", "RocksDB flushes and compactions");
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)(#\\d+)?$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int MAX_GROUP_NAME = 60;
    /** USER_HZ, the unit of /proc's CPU times: 100 on Linux for x86 and ARM. */
    private static final long CLOCK_TICKS = 100;

    private final long nanos;
    private final long processCpuNanos;
    private final Map<Long, ThreadTime> threads;
    private final Map<Long, ThreadTime> nativeThreads;
    private final long elasticsearchCpuMillis;

    /** One thread's CPU time so far. */
    record ThreadTime(String name, long cpuNanos) {}

    /**
     * @param threads       the threads the JVM lists, by thread id
     * @param nativeThreads threads it does not list, by native id, named by their group ({@link #NATIVE_GROUPS})
     */
    ThreadCpu(long nanos, long processCpuNanos, Map<Long, ThreadTime> threads, Map<Long, ThreadTime> nativeThreads, long elasticsearchCpuMillis) {
        this.nanos = nanos;
        this.processCpuNanos = processCpuNanos;
        this.threads = Map.copyOf(threads);
        this.nativeThreads = Map.copyOf(nativeThreads);
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
        return new ThreadCpu(System.nanoTime(), processCpuNanos(), threads, nativeThreads(), es == null ? -1 : es.nodeWork().cpuMillis());
    }

    /** The threads of {@link #NATIVE_GROUPS} from /proc; none where there is no /proc (their CPU is then in {@link #UNLISTED}). */
    static Map<Long, ThreadTime> nativeThreads() {
        Map<Long, ThreadTime> found = new HashMap<>();
        long nanosPerTick = 1_000_000_000L / CLOCK_TICKS;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String group = nativeGroup(comm);
                    if (group != null) {
                        found.put(Long.parseLong(task.getFileName().toString()), new ThreadTime(group, ticks(Files.readString(task.resolve("stat")))
                                * nanosPerTick));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return found;
    }

    static String nativeGroup(String comm) {
        for (Map.Entry<String, String> prefix : NATIVE_GROUPS.entrySet()) {
            if (comm.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    /** utime + stime of a {@code /proc/.../stat} line, in clock ticks (fields 14 and 15; the name in parentheses may hold spaces). */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
        long listed = addUsed(byGroup, threads, earlier.threads, ThreadCpu::group)
                + addUsed(byGroup, nativeThreads, earlier.nativeThreads, UnaryOperator.identity());
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

    /** Adds each thread's CPU since {@code before} to its group; returns the sum. */
    private static long addUsed(Map<String, Long> byGroup, Map<Long, ThreadTime> now, Map<Long, ThreadTime> before,
                                UnaryOperator<String> grouping) {
        long sum = 0;
        for (Map.Entry<Long, ThreadTime> entry : now.entrySet()) {
            ThreadTime earlier = before.get(entry.getKey());
            long used = entry.getValue().cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos());
            if (used > 0) {
                byGroup.merge(grouping.apply(entry.getValue().name()), used, Long::sum);
                sum += used;
            }
        }
        return sum;
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
