package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationOptionTest {
    private final DurationOption option = new DurationOption();

    @Test
    void readsTheUnitsTheOtherCommandsTake() {
        assertThat(option.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(option.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(option.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(option.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(option.convert("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void rejectsOtherForms() {
        assertThatThrownBy(() -> option.convert("ten seconds")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void formatsBackInTheLargestWholeUnit() {
        assertThat(DurationOption.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(DurationOption.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationOption.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationOption.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
