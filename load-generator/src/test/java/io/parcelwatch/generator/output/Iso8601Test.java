package io.parcelwatch.generator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Iso8601Test {
    @Test
    void formatsLikeJavaTimeWithMilliseconds() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong(-30_000_000_000_000L, 250_000_000_000_000L);
            String expected = Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MILLIS).toString();
            String formatted = Iso8601.format(millis);
            assertThat(Instant.parse(formatted).toEpochMilli()).isEqualTo(millis);
            assertThat(formatted).hasSize(24).startsWith(expected.substring(0, 19));
        }
        assertThat(Iso8601.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Iso8601.parse("2026-11-20T08:00:00+08:00")).isEqualTo(Instant.parse("2026-11-20T00:00:00Z").toEpochMilli());
    }
}
