package io.parcelwatch.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogProbeTest {
    @Test
    void withNoBrokerToAskTheInputCountsAsLiveAndNothingThrows() throws Exception {
        try (BacklogProbe probe = new BacklogProbe("127.0.0.1:1", "test-probe", Duration.ofMillis(10), Duration.ofSeconds(5), 100)) {
            long[] offset = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.read("scans", 0, offset[0]++, System.currentTimeMillis());
                return probe.failedAnswers() > 0;
            });
            assertThat(probe.behind()).isFalse();
            assertThat(probe.lag()).isZero();
        }
    }

    @Test
    void behindMeansMoreThanTheThresholdOfReadingAtTheCurrentPace() {
        long fiveSeconds = 5_000;
        assertThat(BacklogProbe.isBehind(20_000, 100_000, fiveSeconds, 1_000)).as("a fifth of a second at a busy peak: live").isFalse();
        assertThat(BacklogProbe.isBehind(600_000, 100_000, fiveSeconds, 1_000)).as("six seconds at that pace").isTrue();
        assertThat(BacklogProbe.isBehind(20_000, 1_400, fiveSeconds, 1_000)).as("14 s at a modest pace").isTrue();
        assertThat(BacklogProbe.isBehind(6_000, 1_400, fiveSeconds, 1_000)).as("4.3 s at that pace").isFalse();
    }

    @Test
    void aFewRecordsAreNeverABacklogAndNoProgressIsOne() {
        assertThat(BacklogProbe.isBehind(900, 1, 5_000, 1_000)).as("under the floor, even at a trickle").isFalse();
        assertThat(BacklogProbe.isBehind(1_500, 0, 5_000, 1_000)).as("over the floor and nothing read: stalled or held back").isTrue();
    }

    @Test
    void withoutAPaceYetOnlyTheFloorGivesAVerdict() {
        assertThat(BacklogProbe.isBehind(500, Double.NaN, 5_000, 1_000)).isFalse();
        assertThat(BacklogProbe.isBehind(500_000, Double.NaN, 5_000, 1_000)).as("no verdict: the last one stands").isNull();
    }
}
