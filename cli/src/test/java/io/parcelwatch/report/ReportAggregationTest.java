package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.parcelwatch.report.ServiceQualityReport.Ranked;
import io.parcelwatch.report.ServiceQualityReport.Ranking;
import io.parcelwatch.report.ServiceQualityReport.TimeBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The period aggregation on hand-built documents, against figures computed by hand. */
class ReportAggregationTest {
    static final Instant NOW = Instant.parse("2026-10-02T08:00:00Z");

    /** Two days of the network with very different volumes, so averaging the daily rates would give other figures. */
    static List<KpiDocument> twoNetworkDays() {
        KpiDocument first = KpiDocs.day("network", "NETWORK", null, "2026-07-01")
                .count("pickedUp", 120).delivered(100, 90, 99).count("lost", 1).count("returned", 4)
                .count("firstAttemptDelivered", 80).count("scanGaps", 500).count("scanGapsWithinLimit", 490)
                .count("doorDeliveries", 50).count("lockerDeliveries", 30).count("stationDeliveries", 20)
                .count("lockerWithoutConsent", 3).count("staleTracking", 10)
                .reason("DELAY", 2).reason("DAMAGE", 1).responses(100, 200, 300, 400, 2500)
                .lateStage("HUB_DWELL", 6).lateStage("LAST_MILE", 4).exception("DAMAGED", 1).exception("LOST", 1)
                .doc();
        KpiDocument second = KpiDocs.day("network", "NETWORK", null, "2026-07-02")
                .count("pickedUp", 280).delivered(300, 240, 297).count("returned", 2)
                .count("firstAttemptDelivered", 270).count("scanGaps", 1500).count("scanGapsWithinLimit", 1400)
                .count("doorDeliveries", 150).count("lockerDeliveries", 120).count("stationDeliveries", 30)
                .count("lockerWithoutConsent", 6).count("staleTracking", 100)
                .reason("DELAY", 4).responses(500, 600, 700, 800, 900)
                .lateStage("HUB_DWELL", 40).lateStage("TRANSIT", 20).exception("DAMAGED", 3)
                .doc();
        return List.of(first, second);
    }

    @Test
    void sumsTheCountsAndRecomputesEveryRateFromTheSums() {
        KpiTotals t = new KpiTotals();
        twoNetworkDays().forEach(t::add);

        assertThat(t.count(KpiCount.PICKED_UP)).isEqualTo(400);
        assertThat(t.count(KpiCount.DELIVERED)).isEqualTo(400);
        // 330 of 400; the mean of the two days' rates (0.90 and 0.80) would be 0.85.
        assertThat(t.onTimeRate()).isEqualTo(330.0 / 400);
        assertThat(t.intactRate()).isEqualTo(396.0 / 400);
        assertThat(t.lossRate()).isEqualTo(1.0 / (400 + 1 + 6));
        assertThat(t.firstAttemptRate()).isEqualTo(350.0 / 400);
        assertThat(t.freshness()).isEqualTo(1890.0 / 2000);
        assertThat(t.complaintRatePer10k()).isCloseTo(7.0 / 400 * 10_000, within(1e-9)); // 175 per 10,000
        assertThat(t.doorShare()).isEqualTo(0.5);
        assertThat(t.lockerShare()).isEqualTo(0.375);
        assertThat(t.stationShare()).isEqualTo(0.125);
        assertThat(t.lockerWithoutConsentShare()).isEqualTo(9.0 / 400);
        assertThat(t.complaintsByReason()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("DELAY", 6L, "DAMAGE", 1L));
        assertThat(t.lateByStage()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("HUB_DWELL", 46L, "LAST_MILE", 4L, "TRANSIT", 20L));
        assertThat(t.exceptionsByCode()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("DAMAGED", 4L, "LOST", 1L));
        assertThat(t.documents()).isEqualTo(2);
    }

    @Test
    void responseTimesComeFromTheSumsAndTheMergedSketches() {
        KpiTotals t = new KpiTotals();
        twoNetworkDays().forEach(t::add);

        // Responses after 100, 200, 300, 400, 2500 minutes (day 1) and 500, 600, 700, 800, 900 (day 2).
        assertThat(t.count(KpiCount.COMPLAINTS_RESPONDED)).isEqualTo(10);
        assertThat(t.responseMeanMinutes()).isEqualTo(7000.0 / 10);
        assertThat(t.responseMeanHours()).isCloseTo(700.0 / 60, within(1e-9));
        assertThat(t.respondedWithin24hShare()).isEqualTo(9.0 / 10);
        // DDSketch's p90 of n values is the value of rank 0.9 * (n - 1), rounded down: of the 10 values the 9th
        // smallest, 900 minutes. The days' own p90s are 400 and 800 (rank 3.6 of 5): no mean or maximum of them
        // gives 900, only merging the sketches does.
        assertThat(t.responseP90Minutes()).isCloseTo(900, withinPercentage(1));
        assertThat(t.responseP90Hours()).isCloseTo(15, withinPercentage(1));
    }

    @Test
    void addingADocumentDoesNotChangeItsSketch() {
        List<KpiDocument> days = twoNetworkDays();
        KpiTotals period = new KpiTotals();
        days.forEach(period::add);
        KpiTotals firstDay = new KpiTotals();
        firstDay.add(days.get(0));
        KpiTotals secondDay = new KpiTotals();
        secondDay.add(days.get(1));

        assertThat(days.get(0).responseSketch().getCount()).isEqualTo(5);
        assertThat(firstDay.responseP90Minutes()).isCloseTo(400, withinPercentage(1));
        assertThat(secondDay.responseP90Minutes()).isCloseTo(800, withinPercentage(1));
    }

    @Test
    void ratesWithoutADenominatorAreNone() {
        KpiTotals t = new KpiTotals();
        t.add(KpiDocs.day("hub", "H-1", "R-EAST", "2026-07-01").count("pickedUp", 5).doc());

        assertThat(t.onTimeRate()).isNull();
        assertThat(t.lossRate()).isNull();
        assertThat(t.freshness()).isNull();
        assertThat(t.responseMeanMinutes()).isNull();
        assertThat(t.responseP90Minutes()).isNull();
        assertThat(t.complaintRatePer10k()).isEqualTo(0.0);
    }

    @Test
    void weeksAreIsoWeeksClippedToThePeriod() {
        // 1 Jul 2026 is a Wednesday: the first week is Wed 1 – Sun 5 Jul, then two whole weeks.
        ReportPeriod period = ReportPeriod.parse("2026-07-01", "2026-07-20");
        List<KpiDocument> docs = List.of(
                KpiDocs.day("network", "NETWORK", null, "2026-07-01").delivered(10, 10, 10).doc(),
                KpiDocs.day("network", "NETWORK", null, "2026-07-05").delivered(20, 10, 20).doc(),
                KpiDocs.day("network", "NETWORK", null, "2026-07-06").delivered(40, 30, 40).doc(),
                KpiDocs.day("network", "NETWORK", null, "2026-07-19").delivered(80, 60, 80).doc());

        List<TimeBucket> weeks = ReportAggregation.buckets(period, BucketSize.WEEK, docs);

        assertThat(weeks).extracting(TimeBucket::start).containsExactly(
                Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-06T00:00:00Z"), Instant.parse("2026-07-13T00:00:00Z"));
        assertThat(weeks).extracting(TimeBucket::end).containsExactly(
                Instant.parse("2026-07-06T00:00:00Z"), Instant.parse("2026-07-13T00:00:00Z"), Instant.parse("2026-07-20T00:00:00Z"));
        assertThat(weeks).extracting(w -> w.totals().count(KpiCount.DELIVERED)).containsExactly(30L, 40L, 80L);
        assertThat(weeks.get(0).totals().onTimeRate()).isEqualTo(20.0 / 30);
        assertThat(ReportView.bucketLabel(BucketSize.WEEK, weeks.get(0))).isEqualTo("1 Jul – 5 Jul");
    }

    @Test
    void emptyBucketsStayOnTheAxis() {
        ReportPeriod period = ReportPeriod.parse("2026-07-01T00:00Z", "2026-07-01T04:00Z");
        List<TimeBucket> hours = ReportAggregation.buckets(period, BucketSize.HOUR,
                List.of(KpiDocs.hour("network", "NETWORK", null, "2026-07-01T02:00:00Z").delivered(7, 7, 7).doc()));

        assertThat(hours).extracting(h -> h.totals().count(KpiCount.DELIVERED)).containsExactly(0L, 0L, 7L, 0L);
        assertThat(hours.get(0).totals().onTimeRate()).isNull();
    }

    @Test
    void worstHubsHaveEnoughDeliveriesAndTheBiggerOneComesFirstOnATie() {
        List<KpiDocument> hubs = new ArrayList<>(List.of(
                KpiDocs.day("hub", "H-A", "R-EAST", "2026-07-01").delivered(100, 70, 100).doc(),
                // 5 of 19 on time is the lowest rate, but 19 deliveries are too few to be ranked.
                KpiDocs.day("hub", "H-B", "R-EAST", "2026-07-01").delivered(19, 5, 19).doc(),
                // Two days: 20 delivered, 14 on time = 0.70, the same as H-A with fewer parcels.
                KpiDocs.day("hub", "H-C", "R-WEST", "2026-07-01").delivered(10, 8, 10).doc(),
                KpiDocs.day("hub", "H-C", "R-WEST", "2026-07-02").delivered(10, 6, 10).doc(),
                KpiDocs.day("hub", "H-D", "R-WEST", "2026-07-01").delivered(50, 49, 50).doc()));

        Ranking ranking = ReportAggregation.rank(hubs, 20);

        assertThat(ranking.worst()).extracting(Ranked::id).containsExactly("H-A", "H-C", "H-D");
        assertThat(ranking.worst()).extracting(Ranked::regionId).containsExactly("R-EAST", "R-WEST", "R-WEST");
        assertThat(ranking.worst().get(1).totals().onTimeRate()).isEqualTo(0.7);
        assertThat(ranking.ranked()).isEqualTo(3);
        assertThat(ranking.belowMinimum()).isEqualTo(1);
    }

    @Test
    void atMostTenWorst() {
        List<KpiDocument> hubs = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            hubs.add(KpiDocs.day("hub", String.format("H-%02d", i), "R-EAST", "2026-07-01").delivered(100, 100 - i, 100).doc());
        }
        Ranking ranking = ReportAggregation.rank(hubs, 20);

        assertThat(ranking.worst()).hasSize(10);
        assertThat(ranking.worst().getFirst().id()).isEqualTo("H-12");
        assertThat(ranking.worst().getLast().id()).isEqualTo("H-03");
        assertThat(ranking.ranked()).isEqualTo(12);
    }

    @Test
    void aRegionsLanesAreThoseFromOrToIt() {
        ReportPeriod period = ReportPeriod.parse("2026-07-01", "2026-07-08");
        List<KpiDocument> lanes = List.of(
                KpiDocs.day("lane", "R-EAST>R-WEST", null, "2026-07-01").delivered(30, 20, 30).doc(),
                KpiDocs.day("lane", "R-NORTH>R-EAST", null, "2026-07-01").delivered(30, 25, 30).doc(),
                KpiDocs.day("lane", "R-WEST>R-NORTH", null, "2026-07-01").delivered(30, 10, 30).doc());
        List<KpiDocument> region = List.of(KpiDocs.day("region", "R-EAST", "R-EAST", "2026-07-01").delivered(60, 45, 60).doc());

        ServiceQualityReport report = ReportAggregation.aggregate(new ReportScope(ReportScope.Kind.REGION, "R-EAST"), period,
                Granularity.DAY, NOW, region, List.of(), lanes, 20);

        assertThat(report.worstLanes().worst()).extracting(Ranked::id).containsExactly("R-EAST>R-WEST", "R-NORTH>R-EAST");
        assertThat(report.worstHubs().worst()).isEmpty();
        assertThat(report.bucketSize()).isEqualTo(BucketSize.DAY);
        assertThat(report.buckets()).hasSize(7);
    }

    @Test
    void aHubHasNoHubsOrLanesToRank() {
        ReportPeriod period = ReportPeriod.parse("2026-07-01", "2026-07-02");
        List<KpiDocument> hub = List.of(KpiDocs.hour("hub", "H-A", "R-EAST", "2026-07-01T05:00:00Z").delivered(60, 45, 60).doc());

        ServiceQualityReport report = ReportAggregation.aggregate(new ReportScope(ReportScope.Kind.HUB, "H-A"), period,
                Granularity.HOUR, NOW, hub, hub, List.of(), 20);

        assertThat(report.worstHubs()).isNull();
        assertThat(report.worstLanes()).isNull();
        assertThat(report.bucketSize()).isEqualTo(BucketSize.HOUR);
        assertThat(report.buckets()).hasSize(24);
        assertThat(report.buckets().get(5).totals().onTimeRate()).isEqualTo(0.75);
    }
}
