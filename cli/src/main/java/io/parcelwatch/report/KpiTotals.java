package io.parcelwatch.report;

import static io.parcelwatch.report.KpiCount.*;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPI documents of one slice of a report (the whole period, one time bucket, one hub) added up, and the rates
 * recomputed from the sums. A rate is null when its denominator is 0, as in the documents.
 */
public final class KpiTotals {
    private final long[] counts = new long[KpiCount.values().length];
    private double responseMinutesSum;
    private final Map<String, Long> complaintsByReason = new TreeMap<>();
    private final Map<String, Long> lateByStage = new TreeMap<>();
    private final Map<String, Long> exceptionsByCode = new TreeMap<>();
    private DDSketch responseSketch;
    private int documents;

    public void add(KpiDocument doc) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += doc.counts()[i];
        }
        responseMinutesSum += doc.responseMinutesSum();
        doc.complaintsByReason().forEach((k, v) -> complaintsByReason.merge(k, v, Long::sum));
        doc.lateByStage().forEach((k, v) -> lateByStage.merge(k, v, Long::sum));
        doc.exceptionsByCode().forEach((k, v) -> exceptionsByCode.merge(k, v, Long::sum));
        if (doc.responseSketch() != null && !doc.responseSketch().isEmpty()) {
            // A copy: the document's sketch is merged into several totals (period, bucket), none may change it.
            if (responseSketch == null) {
                responseSketch = (DDSketch) doc.responseSketch().copy();
            } else {
                responseSketch.mergeWith(doc.responseSketch());
            }
        }
        documents++;
    }

    public long count(KpiCount which) {
        return counts[which.ordinal()];
    }

    /** How many documents were added. */
    public int documents() {
        return documents;
    }

    public Map<String, Long> complaintsByReason() {
        return Collections.unmodifiableMap(complaintsByReason);
    }

    public Map<String, Long> lateByStage() {
        return Collections.unmodifiableMap(lateByStage);
    }

    public Map<String, Long> exceptionsByCode() {
        return Collections.unmodifiableMap(exceptionsByCode);
    }

    public Double onTimeRate() {
        return ratio(count(DELIVERED_ON_TIME), count(DELIVERED));
    }

    public Double intactRate() {
        return ratio(count(DELIVERED_INTACT), count(DELIVERED));
    }

    /** Lost among the parcels whose journey ended (delivered, lost or returned). */
    public Double lossRate() {
        return ratio(count(LOST), count(DELIVERED) + count(LOST) + count(RETURNED));
    }

    public Double firstAttemptRate() {
        return ratio(count(FIRST_ATTEMPT_DELIVERED), count(DELIVERED));
    }

    /** Tracking freshness: the share of gaps between scans that stayed within the stage's limit. */
    public Double freshness() {
        return ratio(count(SCAN_GAPS_WITHIN_LIMIT), count(SCAN_GAPS));
    }

    /** Complaints opened per 10,000 parcels picked up. */
    public Double complaintRatePer10k() {
        Double r = ratio(count(COMPLAINTS_OPENED), count(PICKED_UP));
        return r == null ? null : r * 10_000;
    }

    public Double respondedWithin24hShare() {
        return ratio(count(RESPONDED_WITHIN_24H), count(COMPLAINTS_RESPONDED));
    }

    public Double doorShare() {
        return ratio(count(DOOR_DELIVERIES), count(DELIVERED));
    }

    public Double lockerShare() {
        return ratio(count(LOCKER_DELIVERIES), count(DELIVERED));
    }

    public Double stationShare() {
        return ratio(count(STATION_DELIVERIES), count(DELIVERED));
    }

    public Double lockerWithoutConsentShare() {
        return ratio(count(LOCKER_WITHOUT_CONSENT), count(DELIVERED));
    }

    public Double responseMeanMinutes() {
        long responded = count(COMPLAINTS_RESPONDED);
        return responded == 0 ? null : responseMinutesSum / responded;
    }

    /** The 90th percentile of the response times, from the merged sketches (1 % relative accuracy). */
    public Double responseP90Minutes() {
        return responseSketch == null || responseSketch.isEmpty() ? null : responseSketch.getValueAtQuantile(0.9);
    }

    public Double responseMeanHours() {
        Double m = responseMeanMinutes();
        return m == null ? null : m / 60;
    }

    public Double responseP90Hours() {
        Double m = responseP90Minutes();
        return m == null ? null : m / 60;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
