package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
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
                3L, new ThreadCpu.ThreadTime("ended", 5 * SECOND)), 1_000);
        ThreadCpu after = new ThreadCpu(10 * SECOND, 30 * SECOND, Map.of(
                1L, new ThreadCpu.ThreadTime("track parcels (1/2)#0", 5 * SECOND),
                2L, new ThreadCpu.ThreadTime("track parcels (2/2)#0", 6 * SECOND),
                4L, new ThreadCpu.ThreadTime("elasticsearch-rest-client-1-thread-2", 2 * SECOND)), 6_000);

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
    void elasticsearchNotReadIsUnknownNotZero() {
        ThreadCpu before = new ThreadCpu(0, 0, Map.of(), -1);
        ThreadCpu after = new ThreadCpu(SECOND, SECOND, Map.of(), 5_000);

        assertThat(after.since(before).elasticsearchCores()).isNaN();
    }

    @Test
    void aBusyThreadOfThisJvmShowsInItsGroup() throws Exception {
        if (!ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported()) {
            return; // nothing to read on this JVM; the summary then has no CPU block
        }
        ThreadCpu before = ThreadCpu.take(null);
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
        }, "cpu-burner (1/1)#0");
        busy.start();
        while (busy.getState() != Thread.State.TERMINATED && ManagementFactory.getThreadMXBean().getThreadCpuTime(busy.threadId()) < 150_000_000L) {
            Thread.sleep(10);
        }
        CpuUsage usage = ThreadCpu.take(null).since(before);
        busy.join();

        double burned = usage.groups().stream().filter(s -> s.group().equals("cpu-burner")).mapToDouble(s -> s.cores() * usage.seconds()).sum();
        assertThat(burned).as("CPU seconds of the burner, in %s", usage.groups()).isGreaterThanOrEqualTo(0.15);
        assertThat(usage.elasticsearchCores()).isNaN();
    }
}
