package io.parcelwatch.report;

import io.parcelwatch.report.ServiceQualityReport.Ranked;
import io.parcelwatch.report.ServiceQualityReport.Ranking;
import io.parcelwatch.report.ServiceQualityReport.TimeBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Adds KPI documents up into a {@link ServiceQualityReport}: the period, its time buckets, and the worst hubs and lanes. */
public final class ReportAggregation {
    /** How many hubs and lanes the worst lists show. */
    public static final int WORST = 10;

    private ReportAggregation() {}

    /**
     * @param scopeDocs the scope's own documents of the period
     * @param hubDocs   the documents of the hubs to rank (all hubs, or a region's); ignored for a hub scope
     * @param laneDocs  the lane documents of the period; for a region scope only lanes from or to it are ranked
     */
    public static ServiceQualityReport aggregate(ReportScope scope, ReportPeriod period, Granularity granularity,
                                                 Instant generatedAt, List<KpiDocument> scopeDocs, List<KpiDocument> hubDocs,
                                                 List<KpiDocument> laneDocs, long minDelivered) {
        KpiTotals totals = new KpiTotals();
        scopeDocs.forEach(totals::add);
        BucketSize bucketSize = period.bucketSize(granularity);
        Ranking hubs = null;
        Ranking lanes = null;
        if (scope.kind() != ReportScope.Kind.HUB) {
            hubs = rank(hubDocs, minDelivered);
            List<KpiDocument> ownLanes = scope.kind() == ReportScope.Kind.REGION
                    ? laneDocs.stream().filter(d -> laneTouches(d.scopeId(), scope.id())).toList()
                    : laneDocs;
            lanes = rank(ownLanes, minDelivered);
        }
        String region = scope.kind() != ReportScope.Kind.HUB ? null
                : scopeDocs.stream().map(KpiDocument::regionId).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
        return new ServiceQualityReport(scope, period, granularity, bucketSize, generatedAt, totals,
                buckets(period, bucketSize, scopeDocs), hubs, lanes, region);
    }

    /** Every bucket of the period, each with the documents whose window starts in it added up. */
    public static List<TimeBucket> buckets(ReportPeriod period, BucketSize size, List<KpiDocument> docs) {
        Map<Instant, KpiTotals> byStart = new LinkedHashMap<>();
        for (Instant start = size.start(period.from()); start.isBefore(period.to()); start = size.next(start)) {
            byStart.put(start, new KpiTotals());
        }
        for (KpiDocument doc : docs) {
            if (period.contains(doc.windowStart())) {
                byStart.get(size.start(doc.windowStart())).add(doc);
            }
        }
        List<TimeBucket> buckets = new ArrayList<>(byStart.size());
        byStart.forEach((start, totals) -> {
            // The first and last weeks of a period rarely start and end with it: show what they really cover.
            Instant from = start.isBefore(period.from()) ? period.from() : start;
            Instant next = size.next(start);
            buckets.add(new TimeBucket(from, next.isAfter(period.to()) ? period.to() : next, totals));
        });
        return buckets;
    }

    /**
     * The {@link #WORST} scopes by on-time rate among those with at least {@code minDelivered} deliveries: a hub
     * with 3 deliveries, 1 late, is not the network's worst. Ties go to the one with more deliveries (more
     * parcels affected), then by id, so the order is stable.
     */
    public static Ranking rank(List<KpiDocument> docs, long minDelivered) {
        Map<String, KpiTotals> byId = new TreeMap<>();
        Map<String, String> regionOf = new TreeMap<>();
        for (KpiDocument doc : docs) {
            byId.computeIfAbsent(doc.scopeId(), id -> new KpiTotals()).add(doc);
            if (doc.regionId() != null) {
                regionOf.put(doc.scopeId(), doc.regionId());
            }
        }
        List<Ranked> eligible = new ArrayList<>();
        byId.forEach((id, totals) -> {
            if (totals.count(KpiCount.DELIVERED) >= minDelivered && totals.count(KpiCount.DELIVERED) > 0) {
                eligible.add(new Ranked(id, regionOf.get(id), totals));
            }
        });
        eligible.sort(Comparator.comparingDouble((Ranked r) -> r.totals().onTimeRate())
                .thenComparing(r -> -r.totals().count(KpiCount.DELIVERED))
                .thenComparing(Ranked::id));
        return new Ranking(List.copyOf(eligible.subList(0, Math.min(WORST, eligible.size()))), eligible.size(),
                byId.size() - eligible.size(), minDelivered);
    }

    /** A lane id is {@code ORIGIN>DESTINATION} (regions): does it start or end in {@code region}? */
    static boolean laneTouches(String laneId, String region) {
        if (laneId == null) {
            return false;
        }
        int arrow = laneId.indexOf('>');
        return arrow < 0 ? laneId.equals(region)
                : laneId.substring(0, arrow).equals(region) || laneId.substring(arrow + 1).equals(region);
    }
}
