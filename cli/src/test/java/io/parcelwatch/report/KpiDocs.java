package io.parcelwatch.report;

import io.parcelwatch.kpi.ResponseSketches;
import java.util.Base64;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds KPI documents the way the KPI job writes them (deploy/elasticsearch/kpi.index-template.json): counts,
 * breakdowns, a DDSketch of response minutes, and the derived rates (which the report must not use).
 */
final class KpiDocs {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String granularity;
    private final String scope;
    private final String scopeId;
    private final String regionId;
    private final Instant windowStart;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> complaintsByReason = new TreeMap<>();
    private final Map<String, Long> lateByStage = new TreeMap<>();
    private final Map<String, Long> exceptionsByCode = new TreeMap<>();
    private DDSketch responses;
    private double responseMinutesSum;

    private KpiDocs(String granularity, String scope, String scopeId, String regionId, Instant windowStart) {
        this.granularity = granularity;
        this.scope = scope;
        this.scopeId = scopeId;
        this.regionId = regionId;
        this.windowStart = windowStart;
    }

    static KpiDocs day(String scope, String scopeId, String regionId, String date) {
        return new KpiDocs("day", scope, scopeId, regionId, Instant.parse(date + "T00:00:00Z"));
    }

    static KpiDocs hour(String scope, String scopeId, String regionId, String instant) {
        return new KpiDocs("hour", scope, scopeId, regionId, Instant.parse(instant));
    }

    static KpiDocs at(String granularity, String scope, String scopeId, String regionId, Instant windowStart) {
        return new KpiDocs(granularity, scope, scopeId, regionId, windowStart);
    }

    KpiDocs count(String field, long n) {
        counts.merge(field, n, Long::sum);
        return this;
    }

    /** delivered, of which onTime on time and intact intact. */
    KpiDocs delivered(long delivered, long onTime, long intact) {
        return count("delivered", delivered).count("deliveredOnTime", onTime).count("deliveredIntact", intact)
                .count("damaged", delivered - intact);
    }

    KpiDocs reason(String reason, long n) {
        complaintsByReason.merge(reason, n, Long::sum);
        return count("complaintsOpened", n);
    }

    KpiDocs lateStage(String stage, long n) {
        lateByStage.merge(stage, n, Long::sum);
        return this;
    }

    KpiDocs exception(String code, long n) {
        exceptionsByCode.merge(code, n, Long::sum);
        return this;
    }

    /** Adds all of another document: a region from its hubs, the network from its regions. */
    KpiDocs add(KpiDocs other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        other.complaintsByReason.forEach((k, v) -> complaintsByReason.merge(k, v, Long::sum));
        other.lateByStage.forEach((k, v) -> lateByStage.merge(k, v, Long::sum));
        other.exceptionsByCode.forEach((k, v) -> exceptionsByCode.merge(k, v, Long::sum));
        if (other.responses != null) {
            if (responses == null) {
                responses = DDSketches.unboundedDense(0.01);
            }
            responses.mergeWith(other.responses);
            responseMinutesSum += other.responseMinutesSum;
        }
        return this;
    }

    /** Complaint responses after these many minutes each. */
    KpiDocs responses(double... minutes) {
        if (responses == null) {
            responses = DDSketches.unboundedDense(0.01);
        }
        for (double m : minutes) {
            responses.accept(m);
            responseMinutesSum += m;
            count("complaintsResponded", 1);
            if (m <= 24 * 60) {
                count("respondedWithin24h", 1);
            }
        }
        return this;
    }

    String index() {
        return granularity.equals("hour")
                ? "kpi-hour-" + DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC).format(windowStart)
                : "kpi-day-" + DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC).format(windowStart);
    }

    String id() {
        return granularity + "|" + scope + "|" + scopeId + "|" + windowStart;
    }

    long get(String field) {
        return counts.getOrDefault(field, 0L);
    }

    ObjectNode json() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("kpiId", id());
        doc.put("granularity", granularity);
        doc.put("windowStart", windowStart.toString());
        doc.put("windowEnd", windowStart.plus(granularity.equals("hour") ? java.time.Duration.ofHours(1) : java.time.Duration.ofDays(1)).toString());
        doc.put("scope", scope);
        doc.put("scopeId", scopeId);
        if (regionId != null) {
            doc.put("regionId", regionId);
        }
        doc.put("updatedAt", windowStart.plusSeconds(7200).toString());
        long facts = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            doc.put(e.getKey(), e.getValue());
            facts += e.getValue();
        }
        doc.put("facts", facts);
        // The derived rates, as the job stores them: the report must ignore them and recompute from the sums.
        rate(doc, "onTimeRate", get("deliveredOnTime"), get("delivered"));
        rate(doc, "intactRate", get("deliveredIntact"), get("delivered"));
        rate(doc, "lossRate", get("lost"), get("delivered") + get("lost") + get("returned"));
        rate(doc, "firstAttemptRate", get("firstAttemptDelivered"), get("delivered"));
        rate(doc, "freshness", get("scanGapsWithinLimit"), get("scanGaps"));
        rate(doc, "respondedWithin24hShare", get("respondedWithin24h"), get("complaintsResponded"));
        if (!complaintsByReason.isEmpty()) {
            doc.putPOJO("complaintsByReason", complaintsByReason);
        }
        if (!lateByStage.isEmpty()) {
            doc.putPOJO("lateByStage", lateByStage);
        }
        if (!exceptionsByCode.isEmpty()) {
            doc.putPOJO("exceptionsByCode", exceptionsByCode);
        }
        if (responses != null) {
            doc.put("responseMinutesSum", responseMinutesSum);
            if (get("complaintsResponded") > 0) {
                doc.put("responseMinutesMean", responseMinutesSum / get("complaintsResponded"));
            } else {
                doc.putNull("responseMinutesMean");
            }
            doc.put("responseMinutesP90", responses.isEmpty() ? 0 : responses.getValueAtQuantile(0.9));
            doc.put("responseSketch", Base64.getEncoder().encodeToString(ResponseSketches.encode(responses)));
        }
        return doc;
    }

    KpiDocument doc() {
        return KpiDocument.fromSource(JSON.valueToTree(json()));
    }

    private static void rate(ObjectNode doc, String field, long part, long whole) {
        if (whole == 0) {
            doc.putNull(field);
        } else {
            doc.put(field, (double) part / whole);
        }
    }
}
