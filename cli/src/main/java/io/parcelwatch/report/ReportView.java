package io.parcelwatch.report;

import static io.parcelwatch.report.KpiCount.*;

import io.parcelwatch.report.ServiceQualityReport.Ranked;
import io.parcelwatch.report.ServiceQualityReport.Ranking;
import io.parcelwatch.report.ServiceQualityReport.TimeBucket;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link ServiceQualityReport} as the page shows it: formatted figures for the template's tiles and tables, and
 * the raw numbers for the charts ({@link #charts}, written as JSON). A section with nothing to show has a note
 * instead of content, so the page says why rather than drawing an empty chart.
 */
public final class ReportView {
    /** The service standard for complaints (DOMAIN.md): an average response within 24 hours. */
    public static final double RESPONSE_TARGET_HOURS = 24;

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private ReportView() {}

    /** The template's model. Public records: the template engine reads them by their accessors. */
    public record Page(String title, String scopeLabel, String periodLabel, String generatedAt, String source,
                       List<Tile> tiles, Section<Timeline> timeline, Section<Complaints> complaints,
                       Section<WorstList> worstHubs, Section<WorstList> worstLanes, Section<NamedCounts> lateByStage,
                       Section<NamedCounts> exceptions, Section<Methods> methods) {}

    /** A section's content, or (content null) the reason it has none. */
    public record Section<T>(T content, String emptyNote) {
        static <T> Section<T> of(T content) {
            return new Section<>(content, null);
        }

        static <T> Section<T> empty(String note) {
            return new Section<>(null, note);
        }
    }

    /** A headline figure. {@code status} is "met" or "missed" where the standards set a target, else empty. */
    public record Tile(String label, String value, String detail, String status) {}

    public record Timeline(String bucketNoun, List<TimelineRow> rows, TimelineRow total) {}

    public record TimelineRow(String bucket, String delivered, String late, String onTime, String intact, String damaged) {}

    /** {@code reasons} are the codes; {@code reasonHeaders} the same with a break opportunity after each underscore. */
    public record Complaints(List<String> reasons, List<String> reasonHeaders, List<ComplaintRow> rows, ComplaintRow total) {}

    public record ComplaintRow(String bucket, List<String> byReason, String opened, String responded, String meanHours,
                               String p90Hours, String within24h) {}

    public record WorstList(String note, List<WorstRow> rows) {}

    public record WorstRow(int rank, String id, String region, String delivered, String late, String onTime, String intact,
                           String loss, String firstAttempt, String freshness) {}

    public record NamedCounts(List<NamedCount> rows, String total) {}

    public record NamedCount(String name, String count, String share) {}

    public record Methods(List<MethodRow> rows, MethodRow total) {}

    public record MethodRow(String bucket, String delivered, String door, String locker, String station,
                            String lockerWithoutConsent, String lockerWithoutConsentShare) {}

    /** The page model for the template. */
    public static Page page(ServiceQualityReport r) {
        KpiTotals t = r.totals();
        boolean complaintsKept = r.scope().kind() != ReportScope.Kind.HUB;
        String title = "Service quality: " + r.scope().label() + ", " + r.period().label();
        return new Page(title, capitalised(r.scope().label()), r.period().label(), GENERATED.format(r.generatedAt().atOffset(ZoneOffset.UTC)),
                source(r), tiles(t, complaintsKept), timeline(r), complaints(r, complaintsKept),
                worst(r.worstHubs(), "hubs", r.scope().kind() == ReportScope.Kind.HUB
                        ? "This report is about one hub: there are no hubs to rank. The report of " + hubRegion(r)
                                + " compares it with the others."
                        : null, r.scope()),
                worst(r.worstLanes(), "lanes", r.scope().kind() == ReportScope.Kind.HUB
                        ? "Lanes run between regions, not hubs: see the lanes in the report of " + hubRegion(r) + "."
                        : null, r.scope()),
                namedCounts(t.lateByStage(), "No late deliveries in this period."),
                namedCounts(t.exceptionsByCode(), "No exceptions recorded in this period."),
                methods(r));
    }

    /** "region R-WEST (--scope region --scope-id R-WEST)", or "its region" when the documents do not say. */
    private static String hubRegion(ServiceQualityReport r) {
        return r.regionId() == null ? "the hub's region"
                : "region " + r.regionId() + " (--scope region --scope-id " + r.regionId() + ")";
    }

    private static String source(ServiceQualityReport r) {
        String docs = Figures.count(r.totals().documents()) + (r.granularity() == Granularity.HOUR ? " hourly" : " daily");
        String axis = switch (r.bucketSize()) {
            case HOUR -> "by hour";
            case DAY -> "by day";
            case WEEK -> "by ISO week (Monday to Sunday; the first and last may be partial)";
        };
        return "From " + docs + " KPI documents of " + r.scope().label() + " (kpi-*, windows starting in the period). Charts "
                + axis + ". Rates are recomputed from the summed counts. All times UTC.";
    }

    private static List<Tile> tiles(KpiTotals t, boolean complaintsKept) {
        long delivered = t.count(DELIVERED);
        List<Tile> tiles = new ArrayList<>();
        tiles.add(new Tile("Parcels picked up", Figures.count(t.count(PICKED_UP)), "", ""));
        tiles.add(new Tile("Delivered", Figures.count(delivered),
                Figures.count(t.count(RETURNED)) + " returned, " + Figures.count(t.count(LOST)) + " lost", ""));
        tiles.add(new Tile("On-time rate", Figures.percent(t.onTimeRate(), 1),
                Figures.count(delivered - t.count(DELIVERED_ON_TIME)) + " of " + Figures.count(delivered) + " delivered late", ""));
        tiles.add(new Tile("Intact rate", Figures.percent(t.intactRate(), 2),
                Figures.count(delivered - t.count(DELIVERED_INTACT)) + " delivered damaged", ""));
        tiles.add(new Tile("Loss rate", Figures.percent(t.lossRate(), 3),
                Figures.count(t.count(LOST)) + " lost of " + Figures.count(delivered + t.count(LOST) + t.count(RETURNED))
                        + " journeys ended", ""));
        tiles.add(new Tile("First-attempt success", Figures.percent(t.firstAttemptRate(), 1),
                Figures.count(delivered - t.count(FIRST_ATTEMPT_DELIVERED)) + " needed another attempt", ""));
        tiles.add(new Tile("Tracking freshness", Figures.percent(t.freshness(), 1),
                "scan gaps within the stage limit; " + Figures.count(t.count(STALE_TRACKING)) + " stale-tracking cases", ""));
        if (!complaintsKept) {
            String why = "complaints are kept per region and network only";
            tiles.add(new Tile("Complaints", Figures.NONE, why, ""));
            tiles.add(new Tile("Mean response time", Figures.NONE, why, ""));
            return tiles;
        }
        tiles.add(new Tile("Complaints", Figures.count(t.count(COMPLAINTS_OPENED)), "opened in the period", ""));
        tiles.add(new Tile("Complaint rate", Figures.number(t.complaintRatePer10k(), 1), "per 10,000 parcels picked up", ""));
        Double mean = t.responseMeanHours();
        tiles.add(new Tile("Mean response time", Figures.hours(mean),
                "target: within 24 h on average" + (mean == null ? "" : mean <= RESPONSE_TARGET_HOURS ? " (met)" : " (missed)"),
                mean == null ? "" : mean <= RESPONSE_TARGET_HOURS ? "met" : "missed"));
        tiles.add(new Tile("p90 response time", Figures.hours(t.responseP90Hours()), "9 in 10 responses came within this", ""));
        tiles.add(new Tile("Answered within 24 h", Figures.percent(t.respondedWithin24hShare(), 1),
                Figures.count(t.count(RESPONDED_WITHIN_24H)) + " of " + Figures.count(t.count(COMPLAINTS_RESPONDED)) + " responses", ""));
        return tiles;
    }

    private static Section<Timeline> timeline(ServiceQualityReport r) {
        if (r.totals().count(DELIVERED) == 0) {
            return Section.empty("No deliveries in this period: no on-time or intact rate to show.");
        }
        List<TimelineRow> rows = new ArrayList<>();
        for (TimeBucket b : r.buckets()) {
            rows.add(timelineRow(bucketLabel(r.bucketSize(), b), b.totals()));
        }
        return Section.of(new Timeline(r.bucketSize().noun(), rows, timelineRow("Period", r.totals())));
    }

    private static TimelineRow timelineRow(String bucket, KpiTotals t) {
        return new TimelineRow(bucket, Figures.count(t.count(DELIVERED)), Figures.count(t.count(DELIVERED) - t.count(DELIVERED_ON_TIME)),
                Figures.percent(t.onTimeRate(), 1), Figures.percent(t.intactRate(), 2),
                Figures.count(t.count(DELIVERED) - t.count(DELIVERED_INTACT)));
    }

    private static Section<Complaints> complaints(ServiceQualityReport r, boolean kept) {
        if (!kept) {
            return Section.empty("Complaints carry only a region, so complaint figures exist for the network and its regions,"
                    + " not for a hub. See the report of " + hubRegion(r) + ".");
        }
        KpiTotals t = r.totals();
        if (t.count(COMPLAINTS_OPENED) == 0 && t.count(COMPLAINTS_RESPONDED) == 0) {
            return Section.empty("No complaints were opened or answered in this period.");
        }
        List<String> reasons = reasons(t);
        List<ComplaintRow> rows = new ArrayList<>();
        for (TimeBucket b : r.buckets()) {
            rows.add(complaintRow(bucketLabel(r.bucketSize(), b), b.totals(), reasons));
        }
        // A zero-width space after each underscore lets LOCKER_WITHOUT_CONSENT wrap in a narrow (printed) table.
        List<String> headers = reasons.stream().map(reason -> reason.replace("_", "_\u200B")).toList();
        return Section.of(new Complaints(reasons, headers, rows, complaintRow("Period", t, reasons)));
    }

    /** Reasons by their total, largest first: the stacking order of the chart and the columns of the table. */
    private static List<String> reasons(KpiTotals t) {
        return t.complaintsByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    private static ComplaintRow complaintRow(String bucket, KpiTotals t, List<String> reasons) {
        List<String> byReason = reasons.stream().map(reason -> Figures.count(t.complaintsByReason().getOrDefault(reason, 0L))).toList();
        return new ComplaintRow(bucket, byReason, Figures.count(t.count(COMPLAINTS_OPENED)), Figures.count(t.count(COMPLAINTS_RESPONDED)),
                Figures.hours(t.responseMeanHours()), Figures.hours(t.responseP90Hours()), Figures.percent(t.respondedWithin24hShare(), 1));
    }

    private static Section<WorstList> worst(Ranking ranking, String what, String skipped, ReportScope scope) {
        if (ranking == null) {
            return Section.empty(skipped);
        }
        String among = scope.kind() == ReportScope.Kind.REGION
                ? ("hubs".equals(what) ? "the hubs of region " + scope.id() : "the lanes from or to region " + scope.id())
                : "all " + what;
        String rule = "Only " + what + " with at least " + Figures.count(ranking.minDelivered()) + " deliveries in the period are ranked";
        if (ranking.worst().isEmpty()) {
            return Section.empty(ranking.belowMinimum() == 0
                    ? "No " + what + " data for " + among + " in this period."
                    : rule + ", and none of the " + ranking.belowMinimum() + " " + what + " of " + among + " had as many.");
        }
        int shown = ranking.worst().size();
        String note = "The " + shown + " " + (shown == 1 ? what.substring(0, what.length() - 1) : what)
                + " with the lowest on-time rate among " + among + ". " + rule
                + " (" + ranking.ranked() + " of " + (ranking.ranked() + ranking.belowMinimum()) + "; "
                + ranking.belowMinimum() + " with fewer left out).";
        List<WorstRow> rows = new ArrayList<>();
        int rank = 1;
        for (Ranked x : ranking.worst()) {
            KpiTotals t = x.totals();
            rows.add(new WorstRow(rank++, x.id(), x.regionId() == null ? "" : x.regionId(), Figures.count(t.count(DELIVERED)),
                    Figures.count(t.count(DELIVERED) - t.count(DELIVERED_ON_TIME)), Figures.percent(t.onTimeRate(), 1),
                    Figures.percent(t.intactRate(), 2), Figures.percent(t.lossRate(), 3), Figures.percent(t.firstAttemptRate(), 1),
                    Figures.percent(t.freshness(), 1)));
        }
        return Section.of(new WorstList(note, rows));
    }

    private static Section<NamedCounts> namedCounts(Map<String, Long> counts, String emptyNote) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return Section.empty(emptyNote);
        }
        List<NamedCount> rows = sortedByCount(counts).stream()
                .map(e -> new NamedCount(e.getKey(), Figures.count(e.getValue()), Figures.percent((double) e.getValue() / total, 1)))
                .toList();
        return Section.of(new NamedCounts(rows, Figures.count(total)));
    }

    private static Section<Methods> methods(ServiceQualityReport r) {
        KpiTotals t = r.totals();
        if (t.count(DELIVERED) == 0) {
            return Section.empty("No deliveries in this period: no delivery methods to show.");
        }
        List<MethodRow> rows = new ArrayList<>();
        for (TimeBucket b : r.buckets()) {
            rows.add(methodRow(bucketLabel(r.bucketSize(), b), b.totals()));
        }
        return Section.of(new Methods(rows, methodRow("Period", t)));
    }

    private static MethodRow methodRow(String bucket, KpiTotals t) {
        return new MethodRow(bucket, Figures.count(t.count(DELIVERED)), Figures.percent(t.doorShare(), 1), Figures.percent(t.lockerShare(), 1),
                Figures.percent(t.stationShare(), 1), Figures.count(t.count(LOCKER_WITHOUT_CONSENT)),
                Figures.percent(t.lockerWithoutConsentShare(), 2));
    }

    /** The numbers behind the charts, for the page's script; a chart whose section is empty gets null. */
    public static Map<String, Object> charts(ServiceQualityReport r, Page page) {
        Map<String, Object> charts = new LinkedHashMap<>();
        List<String> axis = r.buckets().stream().map(b -> axisLabel(r.bucketSize(), b)).toList();
        List<String> ranges = r.buckets().stream().map(b -> bucketLabel(r.bucketSize(), b)).toList();
        charts.put("responseTargetHours", RESPONSE_TARGET_HOURS);
        if (page.timeline().content() != null) {
            charts.put("timeline", Map.of("axis", axis, "ranges", ranges,
                    "delivered", series(r, t -> (double) t.count(DELIVERED)),
                    "onTime", series(r, KpiTotals::onTimeRate),
                    "intact", series(r, KpiTotals::intactRate)));
        }
        if (page.complaints().content() != null) {
            List<Map<String, Object>> byReason = new ArrayList<>();
            for (String reason : page.complaints().content().reasons()) {
                byReason.add(Map.of("name", reason, "counts",
                        series(r, t -> (double) t.complaintsByReason().getOrDefault(reason, 0L))));
            }
            charts.put("complaints", Map.of("axis", axis, "ranges", ranges, "reasons", byReason,
                    "meanHours", series(r, KpiTotals::responseMeanHours),
                    "p90Hours", series(r, KpiTotals::responseP90Hours)));
        }
        if (page.worstHubs().content() != null) {
            charts.put("worstHubs", worstChart(r.worstHubs()));
        }
        if (page.worstLanes().content() != null) {
            charts.put("worstLanes", worstChart(r.worstLanes()));
        }
        if (page.lateByStage().content() != null) {
            charts.put("lateByStage", namedChart(r.totals().lateByStage()));
        }
        if (page.exceptions().content() != null) {
            charts.put("exceptions", namedChart(r.totals().exceptionsByCode()));
        }
        if (page.methods().content() != null) {
            charts.put("methods", Map.of("axis", axis, "ranges", ranges,
                    "door", series(r, KpiTotals::doorShare),
                    "locker", series(r, KpiTotals::lockerShare),
                    "station", series(r, KpiTotals::stationShare),
                    "lockerWithoutConsent", series(r, KpiTotals::lockerWithoutConsentShare)));
        }
        return charts;
    }

    private static List<Double> series(ServiceQualityReport r, Function<KpiTotals, Double> value) {
        List<Double> values = new ArrayList<>(r.buckets().size());
        for (TimeBucket b : r.buckets()) {
            values.add(value.apply(b.totals()));
        }
        return values;
    }

    private static Map<String, Object> worstChart(Ranking ranking) {
        List<String> ids = new ArrayList<>();
        List<Double> onTime = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        for (Ranked x : ranking.worst()) {
            ids.add(x.id());
            onTime.add(x.totals().onTimeRate());
            delivered.add(x.totals().count(DELIVERED));
        }
        return Map.of("ids", ids, "onTime", onTime, "delivered", delivered);
    }

    private static Map<String, Object> namedChart(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> sorted = sortedByCount(counts);
        return Map.of("names", sorted.stream().map(Map.Entry::getKey).toList(),
                "counts", sorted.stream().map(Map.Entry::getValue).toList());
    }

    private static List<Map.Entry<String, Long>> sortedByCount(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    /** A bucket in a table: "Wed 1 Jul", "1 Jul – 5 Jul", "1 Jul 06:00". */
    static String bucketLabel(BucketSize size, TimeBucket b) {
        return switch (size) {
            case HOUR -> HOUR.format(b.start().atOffset(ZoneOffset.UTC));
            case DAY -> DAY.format(b.start().atOffset(ZoneOffset.UTC));
            case WEEK -> SHORT_DAY.format(b.start().atOffset(ZoneOffset.UTC)) + " – "
                    + SHORT_DAY.format(b.end().minusSeconds(1).atOffset(ZoneOffset.UTC));
        };
    }

    /** A bucket on a chart axis: short, the table has the full range. */
    static String axisLabel(BucketSize size, TimeBucket b) {
        return size == BucketSize.HOUR ? HOUR.format(b.start().atOffset(ZoneOffset.UTC)) : SHORT_DAY.format(b.start().atOffset(ZoneOffset.UTC));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
