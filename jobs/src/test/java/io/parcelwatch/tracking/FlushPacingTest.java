package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlushPacingTest {
    @Test
    void stretchesWhileFlushesBlockAndShrinksBackWhenTheyStop() {
        FlushPacing pacing = new FlushPacing(1000, 10_000);
        assertThat(pacing.afterFlush(0)).isEqualTo(1000);
        assertThat(pacing.afterFlush(400)).as("blocked less than half: keep").isEqualTo(1000);
        assertThat(pacing.afterFlush(600)).as("blocked more than half: the sink is behind").isEqualTo(2000);
        assertThat(pacing.afterFlush(1500)).isEqualTo(4000);
        assertThat(pacing.afterFlush(3000)).isEqualTo(8000);
        assertThat(pacing.afterFlush(9000)).as("never beyond the maximum").isEqualTo(10_000);
        assertThat(pacing.stretched()).isTrue();
        assertThat(pacing.afterFlush(2000)).as("blocked a fifth: hold").isEqualTo(10_000);
        assertThat(pacing.afterFlush(500)).as("hardly blocked: shrink").isEqualTo(5000);
        assertThat(pacing.afterFlush(0)).isEqualTo(2500);
        assertThat(pacing.afterFlush(0)).isEqualTo(1250);
        assertThat(pacing.afterFlush(0)).as("never below the configured interval").isEqualTo(1000);
        assertThat(pacing.stretched()).isFalse();
    }

    @Test
    void rejectsImpossibleBounds() {
        assertThatThrownBy(() -> new FlushPacing(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlushPacing(2000, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stretchesWhileEventTimeRunsFarAheadOfTheClock() {
        FlushPacing pacing = new FlushPacing(1000, 10_000);
        assertThat(pacing.afterFlush(0, 1.0)).as("live").isEqualTo(1000);
        assertThat(pacing.afterFlush(0, 60.0)).as("a fast but watched replay").isEqualTo(1000);
        assertThat(pacing.afterFlush(0, 3600.0)).as("a backlog: an hour of event time per second").isEqualTo(2000);
        assertThat(pacing.afterFlush(0, 3600.0)).isEqualTo(4000);
        assertThat(pacing.afterFlush(0, 1.0)).as("caught up").isEqualTo(2000);
    }
}
