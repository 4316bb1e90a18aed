package io.parcelwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void delaysDoubleFromTheInitialDelayUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.5);

        assertThat(backoff.exponentialMillis(1)).isEqualTo(100);
        assertThat(backoff.exponentialMillis(2)).isEqualTo(200);
        assertThat(backoff.exponentialMillis(3)).isEqualTo(400);
        assertThat(backoff.exponentialMillis(5)).isEqualTo(1_600);
        assertThat(backoff.exponentialMillis(6)).isEqualTo(2_000);
        assertThat(backoff.exponentialMillis(1_000)).isEqualTo(2_000);
    }

    @Test
    void jitterShortensTheDelayByAtMostItsFraction() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.5);

        assertThat(backoff.delayMillis(3, 0.0)).isEqualTo(400);
        assertThat(backoff.delayMillis(3, 0.5)).isEqualTo(300);
        assertThat(backoff.delayMillis(3, 0.999999)).isEqualTo(200);
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delayMillis(4)).isBetween(400L, 800L);
        }
    }

    @Test
    void withoutJitterTheDelayIsExact() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(50), 0.0);

        assertThat(backoff.delayMillis(1)).isEqualTo(50);
        assertThat(backoff.delayMillis(7)).isEqualTo(50);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("initial backoff must be positive");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("max backoff");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5).delayMillis(0))
                .hasMessageContaining("1-based");
    }
}
