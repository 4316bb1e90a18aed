package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void groupsAFlinkTasksSubtasksAndNumberedThreads() {
        assertThat(ThreadCpu.group("track parcels (1/2)#0")).isEqualTo("track parcels");
        assertThat(ThreadCpu.group("track parcels (2/2)#3")).isEqualTo("track parcels");
        assertThat(ThreadCpu.group("OutputFlusher for track parcels")).isEqualTo("network buffer flushers");
        assertThat(ThreadCpu.group("Source Data Fetcher for Source: scans from Kafka (1/2)#0")).isEqualTo("Kafka source fetchers");
        assertThat(ThreadCpu.group("elasticsearch-rest-client-3-thread-1")).isEqualTo("elasticsearch-rest-client-#-thread-#");
        assertThat(ThreadCpu.group("x".repeat(80))).hasSize(60).endsWith("...");
    }

    @Test
    void sharesAreCoresOverTheStretchAndTheUnlistedRestIsWhatTheProcessUsedBeyondItsThreads() {
        ThreadCpu before = new ThreadCpu(0, 10 * SECOND, Map.of(
                1L, new ThreadCpu.ThreadTime("track parcels (1/2)#0", 1 * SECOND),
                2L, new ThreadCpu.ThreadTime("track parcels (2/2)#0", 2 * SECOND),
                3L, new ThreadCpu.ThreadTime("ended", 5 * SECOND)), Map.of(), 1_000);
        ThreadCpu after = new ThreadCpu(10 * SECOND, 30 * SECOND, Map.of(
                1L, new ThreadCpu.ThreadTime("track parcels (1/2)#0", 5 * SECOND),
                2L, new ThreadCpu.ThreadTime("track parcels (2/2)#0", 6 * SECOND),
                4L, new ThreadCpu.ThreadTime("elasticsearch-rest-client-1-thread-2", 2 * SECOND)), Map.of(), 6_000);

        CpuUsage usage = after.since(before);

        assertThat(usage.seconds()).isEqualTo(10.0);
        assertThat(usage.cores()).isEqualTo(2.0);
        assertThat(usage.elasticsearchCores()).isEqualTo(0.5);
        assertThat(usage.groups()).extracting(CpuUsage.Share::group)
                .containsExactly(ThreadCpu.UNLISTED, "track parcels", "elasticsearch-rest-client-#-thread-#");
        assertThat(usage.groups().get(0).cores()).isCloseTo(1.0, within(1e-9)); // 20 s of process CPU, 10 s in listed threads
        assertThat(usage.groups().get(1).cores()).isCloseTo(0.8, within(1e-9));
        assertThat(usage.groups().get(2).cores()).isCloseTo(0.2, within(1e-9));
        assertThat(usage.jvmMicrosPerEvent(10_000)).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void nativeThreadsAreCountedInTheirGroupsAndNotAsUnlisted() {
        ThreadCpu before = new ThreadCpu(0, 0, Map.of(1L, new ThreadCpu.ThreadTime("track parcels (1/2)#0", 0)),
                Map.of(100L, new ThreadCpu.ThreadTime("JIT compilers", SECOND), 101L, new ThreadCpu.ThreadTime("JIT compilers", 0)), 0);
        ThreadCpu after = new ThreadCpu(10 * SECOND, 10 * SECOND, Map.of(1L, new ThreadCpu.ThreadTime("track parcels (1/2)#0", 5 * SECOND)),
                Map.of(100L, new ThreadCpu.ThreadTime("JIT compilers", 3 * SECOND), 101L, new ThreadCpu.ThreadTime("JIT compilers", 2 * SECOND),
                        102L, new ThreadCpu.ThreadTime("GC and VM thread", 2 * SECOND)), 0);

        CpuUsage usage = after.since(before);

        assertThat(usage.groups()).extracting(CpuUsage.Share::group).containsExactly("track parcels", "JIT compilers", "GC and VM thread");
        assertThat(usage.groups()).extracting(CpuUsage.Share::cores).containsExactly(0.5, 0.4, 0.2);
    }

    @Test
    void namesNativeThreadsByTheStartOfTheirProcName() {
        assertThat(ThreadCpu.nativeGroup("C2 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpu.nativeGroup("C1 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpu.nativeGroup("GC Thread#1")).isEqualTo("GC and VM thread");
        assertThat(ThreadCpu.nativeGroup("G1 Conc#0")).isEqualTo("GC and VM thread");
        assertThat(ThreadCpu.nativeGroup("rocksdb:low")).isEqualTo("RocksDB flushes and compactions");
        assertThat(ThreadCpu.nativeGroup("track parcels (")).isNull();
        // utime and stime are the 14th and 15th fields; the name before them may hold spaces and parentheses
        assertThat(ThreadCpu.ticks("4242 (C2 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 170 30 0 0 20 0 1 0 99")).isEqualTo(200);
        assertThat(ThreadCpu.ticks("7 (a (b) c) R 1 2 3 4 5 6 7 8 9 10 1 2 0 0")).isEqualTo(3);
    }

    @Test
    void findsThisJvmsCompilerThreadsWhereThereIsAProcFileSystem() {
        if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
            return; // not Linux: their CPU then counts as unlisted
        }
        assertThat(ThreadCpu.nativeThreads().values()).extracting(ThreadCpu.ThreadTime::name).contains("JIT compilers", "GC and VM thread");
    }

    @Test
    void elasticsearchNotReadIsUnknownNotZero() {
        ThreadCpu before = new ThreadCpu(0, 0, Map.of(), Map.of(), -1);
        ThreadCpu after = new ThreadCpu(SECOND, SECOND, Map.of(), Map.of(), 5_000);

        assertThat(after.since(before).elasticsearchCores()).isNaN();
    }

    @Test
    void aBusyThreadOfThisJvmShowsInItsGroup() throws Exception {
        if (!ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported()) {
            return; // nothing to read on this JVM; the summary then has no CPU block
        }
        ThreadCpu before = ThreadCpu.take(null);
        CountDownLatch burned200ms = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            var mx = ManagementFactory.getThreadMXBean();
            long until = mx.getCurrentThreadCpuTime() + 200_000_000L;
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < until) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.println(x);
            }
            burned200ms.countDown();
            try {
                measured.await(); // still alive when measured: an ended thread's CPU is no longer listed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-burner (1/1)#0");
        busy.start();
        assertThat(burned200ms.await(60, TimeUnit.SECONDS)).isTrue();
        CpuUsage usage = ThreadCpu.take(null).since(before);
        measured.countDown();
        busy.join();

        double burned = usage.groups().stream().filter(s -> s.group().equals("cpu-burner")).mapToDouble(s -> s.cores() * usage.seconds()).sum();
        assertThat(burned).as("CPU seconds of the burner, in %s", usage.groups()).isGreaterThanOrEqualTo(0.15);
        assertThat(usage.elasticsearchCores()).isNaN();
    }
}
