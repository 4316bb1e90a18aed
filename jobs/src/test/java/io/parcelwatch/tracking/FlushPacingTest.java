package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushPacingTest {
    @Test
    void stretchesWhileWritesBlockAndShrinksBackWhenTheyStop() {
        FlushPacing pacing = new FlushPacing(1000, 10_000, 10_000);
        assertThat(pacing.afterSample(0, 0.0, 0)).isEqualTo(1000);
        assertThat(pacing.afterSample(400, 0.0, 0)).as("blocked less than half: keep").isEqualTo(1000);
        assertThat(pacing.afterSample(600, 0.0, 0)).as("blocked more than half: the sink is behind").isEqualTo(2000);
        assertThat(pacing.afterSample(1500, 0.0, 0)).isEqualTo(4000);
        assertThat(pacing.afterSample(3000, 0.0, 0)).isEqualTo(8000);
        assertThat(pacing.afterSample(9000, 0.0, 0)).as("never beyond the maximum").isEqualTo(10_000);
        assertThat(pacing.stretched()).isTrue();
        assertThat(pacing.afterSample(2000, 0.0, 0)).as("blocked a fifth: hold").isEqualTo(10_000);
        assertThat(pacing.afterSample(500, 0.0, 0)).as("hardly blocked: shrink").isEqualTo(5000);
        assertThat(pacing.afterSample(0, 0.0, 0)).isEqualTo(2500);
        assertThat(pacing.afterSample(0, 0.0, 0)).isEqualTo(1250);
        assertThat(pacing.afterSample(0, 0.0, 0)).as("never below the configured interval").isEqualTo(1000);
        assertThat(pacing.stretched()).isFalse();
    }

    @Test
    void rejectsImpossibleBounds() {
        assertThatThrownBy(() -> new FlushPacing(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlushPacing(2000, 1000, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gathersForAsLongAsTheJobIsBehindAndShrinksOnceItIsNot() {
        FlushPacing pacing = new FlushPacing(1000, 10_000, 10_000);
        assertThat(pacing.afterSample(0, 0.0, 0)).as("live").isEqualTo(1000);
        assertThat(pacing.afterSample(0, 0.2, 60_000)).as("a few scans read behind: still live").isEqualTo(1000);
        assertThat(pacing.afterSample(0, 1.0, 4_000)).as("four seconds behind: writes gathered for four").isEqualTo(4000);
        assertThat(pacing.gathersEveryChange()).as("a few seconds behind: due changes still go at once").isFalse();
        assertThat(pacing.afterSample(0, 1.0, 600_000)).as("ten minutes behind: the maximum").isEqualTo(10_000);
        assertThat(pacing.gathersEveryChange()).isTrue();
        assertThat(pacing.afterSample(0, 1.0, 3_000)).as("the backlog's last seconds").isEqualTo(3000);
        assertThat(pacing.gathersEveryChange()).as("still working off the deep backlog").isTrue();
        assertThat(pacing.afterSample(0, 1.0, Long.MAX_VALUE)).as("behind, pace not known: the maximum").isEqualTo(10_000);
        assertThat(pacing.afterSample(0, 1.0, 3_000)).as("three seconds left to read").isEqualTo(3000);
        assertThat(pacing.afterSample(0, 1.0, 500)).as("never below the configured interval").isEqualTo(1000);
        assertThat(pacing.gathersEveryChange()).as("back at the configured interval: the deep backlog is over").isFalse();
        assertThat(pacing.afterSample(2000, 1.0, 3_000)).as("behind, and writes blocked besides").isEqualTo(6000);
        assertThat(pacing.afterSample(0, 0.0, 0)).as("caught up").isEqualTo(3000);
        assertThat(pacing.afterSample(0, 0.0, 0)).isEqualTo(1500);
        assertThat(pacing.afterSample(0, 0.0, 0)).isEqualTo(1000);
    }

    @Test
    void gathersEveryChangeFromItsThresholdWhenTheMaximumIsFurther() {
        FlushPacing pacing = new FlushPacing(1000, 300_000, 30_000);
        assertThat(pacing.afterSample(0, 1.0, 20_000)).as("twenty seconds behind").isEqualTo(20_000);
        assertThat(pacing.gathersEveryChange()).as("below the threshold: due changes still go at once").isFalse();
        assertThat(pacing.afterSample(0, 1.0, 40_000)).isEqualTo(40_000);
        assertThat(pacing.gathersEveryChange()).as("past the threshold, short of the maximum").isTrue();
        assertThat(pacing.afterSample(0, 1.0, 3_600_000)).as("an hour behind: the maximum").isEqualTo(300_000);
        assertThat(pacing.afterSample(0, 1.0, 2_000)).as("the backlog's last seconds").isEqualTo(2000);
        assertThat(pacing.gathersEveryChange()).isTrue();
        assertThat(pacing.afterSample(0, 0.0, 0)).as("caught up").isEqualTo(1000);
        assertThat(pacing.gathersEveryChange()).isFalse();
    }

    @Test
    void countsTheScansReadFromABacklog() {
        StatusWrites writes = new StatusWrites(Duration.ofSeconds(1), Duration.ofSeconds(8));
        writes.sample(0);
        for (int i = 0; i < 100; i++) {
            writes.scanRead(i % 4 != 0 ? 3_000 + i : 0);
        }
        writes.sample(1000);
        assertThat(writes.currentIntervalMillis()).as("three in four from a backlog, the furthest 3.099 s behind: stretch to that")
                .isEqualTo(3099);
        for (int i = 0; i < 100; i++) {
            writes.scanRead(i % 4 == 0 ? 3_000 : 0);
        }
        writes.sample(1500);
        assertThat(writes.currentIntervalMillis()).as("less than a base interval since the last sample: hold").isEqualTo(3099);
        writes.sample(2000);
        assertThat(writes.currentIntervalMillis()).as("one in four: live, shrink").isEqualTo(1549);
    }
}
