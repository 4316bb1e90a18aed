package io.parcelwatch.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadingPaceTest {
    @Test
    void aPauseInTheReadingDoesNotReadAsAStandstill() {
        ReadingPace pace = new ReadingPace(Duration.ofSeconds(10));
        assertThat(pace.record(0, 0)).as("one reading: no pace yet").isNaN();
        long read = 0;
        for (long wall = 2_000; wall <= 10_000; wall += 2_000) {
            read += 2_000;
            assertThat(pace.record(wall, read)).isCloseTo(1_000, within(0.01));
        }
        assertThat(pace.record(12_000, read)).as("nothing read for two seconds: 8,000 records over the last 10 s")
                .isCloseTo(800, within(0.01));
        assertThat(pace.record(14_000, read + 2_000)).as("the readings older than the window dropped").isCloseTo(800, within(0.01));
    }

    @Test
    void nothingReadOverTheWholeWindowIsAStandstill() {
        ReadingPace pace = new ReadingPace(Duration.ofSeconds(4));
        pace.record(0, 500);
        pace.record(2_000, 500);
        assertThat(pace.record(4_000, 500)).isZero();
    }
}
