package io.parcelwatch.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic daily KPI documents for a sample report: 4 regions of 3 hubs, the 12 lanes between the regions, every day
 * of a period, seeded (the same documents every time). Regions are their hubs added up plus complaints; the network
 * is the regions added up. Built in: weekends carry less volume, hub H-W2 is persistently late, region R-SOUTH has a
 * typhoon week (days 40–46: late line-haul, stale tracking, more complaints), R-WEST answers complaints slowly, and
 * hub H-E3 puts parcels in lockers without consent.
 */
final class SampleNetwork {
    static final List<String> REGIONS = List.of("R-EAST", "R-NORTH", "R-SOUTH", "R-WEST");
    static final Map<String, Double> HUB_ON_TIME = new LinkedHashMap<>();

    static {
        HUB_ON_TIME.put("H-E1", 0.962);
        HUB_ON_TIME.put("H-E2", 0.951);
        HUB_ON_TIME.put("H-E3", 0.944);
        HUB_ON_TIME.put("H-N1", 0.957);
        HUB_ON_TIME.put("H-N2", 0.936);
        HUB_ON_TIME.put("H-N3", 0.948);
        HUB_ON_TIME.put("H-S1", 0.953);
        HUB_ON_TIME.put("H-S2", 0.941);
        HUB_ON_TIME.put("H-S3", 0.958);
        HUB_ON_TIME.put("H-W1", 0.929);
        HUB_ON_TIME.put("H-W2", 0.872);
        HUB_ON_TIME.put("H-W3", 0.934);
    }

    private final Random random = new Random(20260701L);
    final List<KpiDocs> documents = new ArrayList<>();
    final List<KpiDocs> network = new ArrayList<>();

    SampleNetwork(LocalDate first, int days) {
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            boolean typhoon = d >= 40 && d <= 46;
            KpiDocs net = KpiDocs.day("network", "NETWORK", null, date.toString());
            for (String region : REGIONS) {
                KpiDocs reg = KpiDocs.day("region", region, region, date.toString());
                for (Map.Entry<String, Double> hub : HUB_ON_TIME.entrySet()) {
                    if (regionOf(hub.getKey()).equals(region)) {
                        KpiDocs h = hub(hub.getKey(), region, date, hub.getValue(), typhoon && region.equals("R-SOUTH"));
                        documents.add(h);
                        reg.add(h);
                    }
                }
                complaints(reg, region, typhoon && region.equals("R-SOUTH"));
                documents.add(reg);
                net.add(reg);
            }
            documents.add(net);
            network.add(net);
            for (String from : REGIONS) {
                for (String to : REGIONS) {
                    if (!from.equals(to)) {
                        documents.add(lane(from, to, date, typhoon && (from.equals("R-SOUTH") || to.equals("R-SOUTH"))));
                    }
                }
            }
        }
    }

    static String regionOf(String hub) {
        return switch (hub.charAt(2)) {
            case 'E' -> "R-EAST";
            case 'N' -> "R-NORTH";
            case 'S' -> "R-SOUTH";
            default -> "R-WEST";
        };
    }

    private KpiDocs hub(String id, String region, LocalDate date, double onTime, boolean disrupted) {
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        long pickedUp = Math.round((700 + 500 * (id.hashCode() & 7) / 7.0) * (weekend ? 0.72 : 1) * noise(0.08));
        long delivered = Math.round(pickedUp * 0.985 * noise(0.05));
        double rate = Math.min(0.995, onTime * noise(0.012) - (disrupted ? 0.16 : 0));
        long deliveredOnTime = Math.round(delivered * rate);
        long damaged = binomial(delivered, 0.0035);
        long lost = binomial(delivered, 0.0006 + (disrupted ? 0.002 : 0));
        long returned = binomial(delivered, 0.004);
        long door = Math.round(delivered * 0.43 * noise(0.05));
        long locker = Math.round(delivered * 0.36 * noise(0.05));
        long station = delivered - door - locker;
        long scanGaps = delivered * 7;
        long withinLimit = Math.round(scanGaps * (disrupted ? 0.91 : 0.978) * noise(0.004));
        long late = delivered - deliveredOnTime;
        KpiDocs doc = KpiDocs.at("day", "hub", id, region, date.atStartOfDay(ZoneOffset.UTC).toInstant())
                .count("pickedUp", pickedUp).delivered(delivered, deliveredOnTime, delivered - damaged)
                .count("lost", lost).count("returned", returned)
                .count("firstAttemptDelivered", Math.round(delivered * 0.905 * noise(0.02)))
                .count("doorDeliveries", door).count("lockerDeliveries", locker).count("stationDeliveries", station)
                .count("lockerWithoutConsent", binomial(locker, id.equals("H-E3") ? 0.09 : 0.025))
                .count("scanGaps", scanGaps).count("scanGapsWithinLimit", Math.min(scanGaps, withinLimit))
                .count("staleTracking", Math.round((scanGaps - Math.min(scanGaps, withinLimit)) * 0.2))
                .exception("DAMAGED", damaged).exception("LOST", lost).exception("RETURNED", returned)
                .exception("HELD", binomial(delivered, disrupted ? 0.02 : 0.002)).exception("MISROUTED", binomial(delivered, 0.0015));
        long lineHaul = Math.round(late * (disrupted ? 0.6 : 0.27));
        long dwell = Math.round(late * (disrupted ? 0.15 : 0.34));
        long lastMile = Math.round(late * 0.2);
        long pickup = Math.round(late * 0.07);
        doc.lateStage("LINE_HAUL", lineHaul).lateStage("HUB_DWELL", dwell).lateStage("LAST_MILE", lastMile)
                .lateStage("PICKUP", pickup).lateStage("OUTLET", Math.max(0, late - lineHaul - dwell - lastMile - pickup));
        return doc;
    }

    /** A region's complaints of the day and the responses to them. */
    private void complaints(KpiDocs region, String id, boolean disrupted) {
        double per10k = (disrupted ? 14 : 4.5) * noise(0.25);
        long opened = Math.round(region.get("pickedUp") * per10k / 10_000);
        String[] reasons = {"DELAY", "DAMAGE", "LOCKER_WITHOUT_CONSENT", "COURIER_CONDUCT", "LOSS", "OTHER"};
        double[] shares = disrupted ? new double[] {0.7, 0.1, 0.05, 0.05, 0.07, 0.03} : new double[] {0.44, 0.22, 0.12, 0.1, 0.05, 0.07};
        // Each complaint draws its reason: a region's few complaints a day would round every small share to 0.
        for (long i = 0; i < opened; i++) {
            double u = random.nextDouble();
            int r = 0;
            while (r < reasons.length - 1 && u >= shares[r]) {
                u -= shares[r];
                r++;
            }
            region.reason(reasons[r], 1);
        }
        // Response times are log-normal: median 13 h, R-WEST 26 h; a typhoon week adds a backlog.
        double median = (id.equals("R-WEST") ? 26 : 13) * 60 * (disrupted ? 1.8 : 1);
        double[] minutes = new double[(int) opened];
        for (int i = 0; i < minutes.length; i++) {
            minutes[i] = Math.max(5, median * Math.exp(0.55 * random.nextGaussian()));
        }
        region.responses(minutes);
    }

    private KpiDocs lane(String from, String to, LocalDate date, boolean disrupted) {
        long delivered = Math.round((150 + 40 * ((from + to).hashCode() & 7)) * noise(0.1));
        double base = 0.955 - (to.equals("R-WEST") ? 0.05 : 0) - (from.equals("R-NORTH") && to.equals("R-SOUTH") ? 0.03 : 0);
        long onTime = Math.round(delivered * Math.min(0.995, base * noise(0.015) - (disrupted ? 0.12 : 0)));
        long scanGaps = delivered * 7;
        return KpiDocs.at("day", "lane", from + ">" + to, null, date.atStartOfDay(ZoneOffset.UTC).toInstant())
                .count("pickedUp", delivered).delivered(delivered, onTime, delivered - binomial(delivered, 0.003))
                .count("lost", binomial(delivered, disrupted ? 0.003 : 0.0006)).count("returned", binomial(delivered, 0.004))
                .count("firstAttemptDelivered", Math.round(delivered * 0.905 * noise(0.02)))
                .count("scanGaps", scanGaps)
                .count("scanGapsWithinLimit", Math.min(scanGaps, Math.round(scanGaps * (disrupted ? 0.9 : 0.977) * noise(0.004))));
    }

    private double noise(double spread) {
        return 1 + spread * random.nextGaussian() / 2;
    }

    private long binomial(long n, double p) {
        double mean = n * p;
        return Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * random.nextGaussian()));
    }
}
