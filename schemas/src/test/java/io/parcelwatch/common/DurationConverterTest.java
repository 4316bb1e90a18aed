package io.parcelwatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {
    @Test
    void parsesShortAndIsoForms() {
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationConverter.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(DurationConverter.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(DurationConverter.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("PT3H")).isEqualTo(Duration.ofHours(3));
        assertThatThrownBy(() -> DurationConverter.parse("3 days")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("h")).hasMessageContaining("not a duration");
    }

    @Test
    void formatsBackInTheLargestWholeUnit() {
        assertThat(DurationConverter.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(DurationConverter.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationConverter.parse(DurationConverter.format(Duration.ofDays(2)))).isEqualTo(Duration.ofDays(2));
    }
}
