package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NaiveScanTrackerTest {
    private final NaiveScanTracker tracker = new NaiveScanTracker();

    @Test
    void aScanThatStartsAStageGetsThatStagesLimit() {
        assertThat(tracker.limitOf("HUB_ARRIVED")).isEqualTo(Duration.ofHours(18));
        assertThat(tracker.limitOf("OUT_FOR_DELIVERY")).isEqualTo(Duration.ofHours(11));
    }

    @Test
    void readingsAndFinalScansGetTheLongestLimit() {
        assertThat(tracker.limitOf("TEMPERATURE")).isEqualTo(NaiveScanTracker.FALLBACK_LIMIT);
        assertThat(tracker.limitOf("DELIVERED")).isEqualTo(NaiveScanTracker.FALLBACK_LIMIT);
    }
}
