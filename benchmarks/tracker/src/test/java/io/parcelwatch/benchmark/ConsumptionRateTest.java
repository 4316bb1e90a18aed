package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConsumptionRateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void rateIsTheSlopeWhileRecordsFlowExcludingStartUp() {
        ConsumptionRate rate = new ConsumptionRate(10_000);
        rate.add(0, 0);
        rate.add(S, 0); // start-up: nothing yet
        rate.add(2 * S, 1_000);
        rate.add(3 * S, 3_000);
        rate.add(4 * S, 5_000);
        rate.add(5 * S, 7_000);
        rate.add(6 * S, 10_000);

        assertThat(rate.complete()).isTrue();
        // from the first reading with records (2 s, 1,000) to the last one inside the flow (5 s, 7,000)
        assertThat(rate.recordsPerSecond()).isCloseTo(2_000.0, within(0.001));
        assertThat(rate.flowSeconds()).isCloseTo(4.0, within(0.001));
    }

    @Test
    void shortRunsUseTheWholeSpanFromFirstRecordsToTheEnd() {
        ConsumptionRate rate = new ConsumptionRate(3_000);
        rate.add(0, 0);
        rate.add(S, 1_000);
        rate.add(2 * S, 3_000);

        assertThat(rate.recordsPerSecond()).isCloseTo(2_000.0, within(0.001));
    }

    @Test
    void aTopicReadBetweenTwoReadingsGivesALowerBound() {
        ConsumptionRate rate = new ConsumptionRate(5_000);
        rate.add(0, 0);
        rate.add(S / 2, 5_000);

        assertThat(rate.recordsPerSecond()).isCloseTo(10_000.0, within(0.001));
    }

    @Test
    void notCompleteUntilAReadingCoversTheTopic() {
        ConsumptionRate rate = new ConsumptionRate(5_000);
        rate.add(0, 0);
        assertThat(rate.started()).isFalse();
        rate.add(S, 4_999);
        assertThat(rate.started()).isTrue();
        assertThat(rate.complete()).isFalse();
        rate.add(2 * S, 5_000);
        assertThat(rate.complete()).isTrue();
    }
}
