package io.parcelwatch.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PacerTest {

    @Test
    void anEventGoesOutNoEarlierThanItsDueTimeLessTheLead() {
        Pacer pacer = new Pacer(Pacing.rate(1_000), 0);
        long start = System.nanoTime();
        pacer.start();
        for (long count = 0; count <= 50; count++) {
            pacer.await(0, count);
            long dueNanos = count * 1_000_000L;
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(dueNanos - Pacer.LEAD_NANOS);
        }
    }

    @Test
    void bySimulatedTimeAnEventWaitsForItsScaledDueTime() {
        long simStart = 1_000_000L;
        Pacer pacer = new Pacer(Pacing.speed(10), simStart);
        long start = System.nanoTime();
        pacer.start();
        pacer.await(simStart + 500, 0); // 500 simulated ms at 10x: 50 wall ms
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L - Pacer.LEAD_NANOS);
    }

    @Test
    @Timeout(30)
    void aStopRequestEndsALongWait() {
        new Pacer(Pacing.rate(1), 0, () -> true).await(0, 3_600); // due an hour from now
    }
}
