package io.parcelwatch.eta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PickupHoursTest {
    static long hours(double h) {
        return Math.round(h * 3_600_000L);
    }

    @Test
    void withinPickupHoursAParcelGoesTheSameDay() {
        PickupHours hours = PickupHours.defaults();
        assertThat(hours.announcedAt(hours(8))).isEqualTo(hours.sameDay());
        assertThat(hours.announcedAt(hours(13.8))).isEqualTo(hours.sameDay());
        assertThat(hours.announcedAt(hours(17.99))).isEqualTo(hours.sameDay());
    }

    @Test
    void fromTheCutoffOnItWaitsForTheNextOpening() {
        PickupHours hours = PickupHours.defaults();
        StepPrior evening = hours.announcedAt(hours(19));
        assertThat(evening.median()).isEqualTo(Duration.ofMinutes(13 * 60 + 45)); // 08:00 + 0.75 h the next day
        assertThat(evening.p90()).isEqualTo(Duration.ofMinutes(13 * 60 + 84));
        StepPrior night = hours.announcedAt(hours(3));
        assertThat(night.median()).isEqualTo(Duration.ofMinutes(5 * 60 + 45));
    }

    @Test
    void rejectsACutoffBeforeTheOpening() {
        assertThatThrownBy(() -> new PickupHours(Duration.ofHours(18), Duration.ofHours(8), StepPrior.ofHours(1, 2), StepPrior.ofHours(1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
