package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveConditionsTest {
    private static LiveConditions.Reading behind(long nanos, long records) {
        return new LiveConditions.Reading(nanos, records, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void mostBehindCountsOnlyTheReadingsOfTheStretch() {
        List<LiveConditions.Reading> readings = List.of(behind(10, 90_000), behind(20, 300), behind(30, 4_000), behind(40, -1), behind(50, 800));

        assertThat(LiveConditions.mostBehind(readings, 20)).as("the warm-up's 90,000 are before the stretch").isEqualTo(4_000);
        assertThat(LiveConditions.mostBehind(readings, 0)).isEqualTo(90_000);
    }

    @Test
    void mostBehindIsUnknownWhereNoReadingOfTheStretchCouldReadIt() {
        assertThat(LiveConditions.mostBehind(List.of(behind(10, 500), behind(20, -1)), 15)).isEqualTo(-1);
        assertThat(LiveConditions.mostBehind(List.of(), 0)).isEqualTo(-1);
    }
}
