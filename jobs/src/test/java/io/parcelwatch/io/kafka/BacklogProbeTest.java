package io.parcelwatch.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogProbeTest {
    @Test
    void withNoBrokerToAskTheInputCountsAsLiveAndNothingThrows() throws Exception {
        try (BacklogProbe probe = new BacklogProbe("127.0.0.1:1", "test-probe", Duration.ofMillis(10), 100)) {
            for (int i = 0; i < 50; i++) {
                probe.read("scans", 0, i, System.currentTimeMillis());
                Thread.sleep(2);
            }
            assertThat(probe.behind()).isFalse();
            assertThat(probe.lag()).isZero();
        }
    }
}
