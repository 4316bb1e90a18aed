package io.parcelwatch.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything a service-quality report shows, computed, before any formatting.
 *
 * @param totals     the scope's documents of the period added up (the headline figures, the delay causes)
 * @param buckets    the time axis: every bucket of the period in order, empty ones included so gaps show
 * @param worstHubs  null when the scope is a hub (a hub has no hubs to rank)
 * @param worstLanes null when the scope is a hub (lanes run between regions)
 * @param regionId   the region of a hub scope (from its documents), else null
 */
public record ServiceQualityReport(ReportScope scope, ReportPeriod period, Granularity granularity, BucketSize bucketSize,
                                   Instant generatedAt, KpiTotals totals, List<TimeBucket> buckets, Ranking worstHubs,
                                   Ranking worstLanes, String regionId) {

    /** One step of the time axis, clipped to the period ({@code [start, end)}). */
    public record TimeBucket(Instant start, Instant end, KpiTotals totals) {}

    /** A hub or lane with its figures over the period. */
    public record Ranked(String id, String regionId, KpiTotals totals) {}

    /**
     * The worst by on-time rate, of those with at least {@code minDelivered} deliveries in the period.
     *
     * @param ranked       how many had enough deliveries to be ranked
     * @param belowMinimum how many had some documents but too few deliveries
     */
    public record Ranking(List<Ranked> worst, int ranked, int belowMinimum, long minDelivered) {}
}
