package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    @Test
    void aQuarterIsItsThreeMonths() {
        ReportPeriod q3 = ReportPeriod.quarter("2026Q3");
        assertThat(q3.from()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(q3.to()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(ReportPeriod.quarter("2026-q4").to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(q3.label()).isEqualTo("1 Jul 2026 – 30 Sep 2026 (92 days)");
        assertThat(q3.fileLabel()).isEqualTo("2026-07-01-2026-10-01");
        assertThatThrownBy(() -> ReportPeriod.quarter("2026Q5")).hasMessageContaining("2026Q3");
    }

    @Test
    void datesAreMidnightUtcAndInstantsMayHaveOffsets() {
        assertThat(ReportPeriod.parse("2026-07-01", "2026-07-02").from()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        ReportPeriod p = ReportPeriod.parse("2026-07-01T06:00Z", "2026-07-01T10:00:00+02:00");
        assertThat(p.to()).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
        assertThat(p.label()).isEqualTo("1 Jul 2026 06:00 – 1 Jul 2026 08:00 UTC");
        assertThat(p.fileLabel()).isEqualTo("20260701T0600Z-20260701T0800Z");
        assertThat(ReportPeriod.parse("2026-07-01T06:00", "2026-07-02").from()).isEqualTo(Instant.parse("2026-07-01T06:00:00Z"));
        assertThatThrownBy(() -> ReportPeriod.parse("1 July", "2026-07-02")).hasMessageContaining("--from");
        assertThatThrownBy(() -> ReportPeriod.parse("2026-07-02", "2026-07-01")).hasMessageContaining("empty");
    }

    @Test
    void hourlyDocumentsAndAxisUpToThreeDaysThenDaysThenWeeks() {
        ReportPeriod threeDays = ReportPeriod.parse("2026-07-01", "2026-07-04");
        assertThat(threeDays.autoGranularity()).isEqualTo(Granularity.HOUR);
        assertThat(threeDays.bucketSize(Granularity.HOUR)).isEqualTo(BucketSize.HOUR);
        // Daily documents cannot be cut into hours.
        assertThat(threeDays.bucketSize(Granularity.DAY)).isEqualTo(BucketSize.DAY);

        ReportPeriod moreThanThreeDays = ReportPeriod.parse("2026-07-01T00:00Z", "2026-07-04T01:00Z");
        assertThat(moreThanThreeDays.autoGranularity()).isEqualTo(Granularity.DAY);
        assertThat(moreThanThreeDays.bucketSize(Granularity.DAY)).isEqualTo(BucketSize.DAY);

        assertThat(ReportPeriod.parse("2026-07-01", "2026-09-01").bucketSize(Granularity.DAY)).isEqualTo(BucketSize.DAY); // 62 days
        assertThat(ReportPeriod.parse("2026-07-01", "2026-09-02").bucketSize(Granularity.DAY)).isEqualTo(BucketSize.WEEK);
        assertThat(ReportPeriod.quarter("2026Q3").bucketSize(Granularity.HOUR)).isEqualTo(BucketSize.WEEK);
    }

    @Test
    void scopes() {
        assertThat(ReportScope.parse("network", null)).isEqualTo(ReportScope.network());
        assertThat(ReportScope.parse("Region", "R-EAST").fileLabel()).isEqualTo("region-R-EAST");
        assertThat(ReportScope.parse("hub", "HUB/7 a").fileLabel()).isEqualTo("hub-HUB_7_a");
        assertThatThrownBy(() -> ReportScope.parse("hub", null)).hasMessageContaining("--scope-id");
        assertThatThrownBy(() -> ReportScope.parse("outlet", "O-1")).hasMessageContaining("network, region or hub");
        assertThatThrownBy(() -> ReportScope.parse("network", "R-EAST")).hasMessageContaining("no id");
    }
}
