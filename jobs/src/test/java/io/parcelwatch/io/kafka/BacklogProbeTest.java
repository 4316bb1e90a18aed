package io.parcelwatch.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogProbeTest {
    @Test
    void withNoBrokerToAskTheInputCountsAsLiveAndNothingThrows() throws Exception {
        try (BacklogProbe probe = new BacklogProbe("127.0.0.1:1", "test-probe", Duration.ofMillis(10), 100)) {
            long[] offset = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probe.read("scans", 0, offset[0]++, System.currentTimeMillis());
                return probe.failedAnswers() > 0;
            });
            assertThat(probe.behind()).isFalse();
            assertThat(probe.lag()).isZero();
        }
    }
}
