package io.parcelwatch.report;

import io.parcelwatch.kpi.ResponseSketches;
import java.util.Base64;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One KPI document as the report needs it: which window and scope it is, its counts and breakdowns, and its
 * response-time sketch (decoded once, merged into every total it belongs to). Rates are not read: a period's
 * rates are recomputed from its summed counts.
 *
 * @param counts indexed by {@link KpiCount#ordinal()}; a missing count is 0
 * @param responseSketch null when the document has none (scopes without complaints, windows without responses)
 */
public record KpiDocument(Granularity granularity, String scope, String scopeId, String regionId, Instant windowStart,
                          long[] counts, double responseMinutesSum, Map<String, Long> complaintsByReason,
                          Map<String, Long> lateByStage, Map<String, Long> exceptionsByCode, DDSketch responseSketch) {

    public long count(KpiCount which) {
        return counts[which.ordinal()];
    }

    /** A document's {@code _source}. */
    public static KpiDocument fromSource(JsonNode doc) {
        long[] counts = new long[KpiCount.values().length];
        for (KpiCount c : KpiCount.values()) {
            JsonNode value = doc.get(c.field());
            counts[c.ordinal()] = value == null || value.isNull() ? 0 : value.asLong();
        }
        return new KpiDocument(Granularity.ofField(doc.path("granularity").asText()), text(doc, "scope"), text(doc, "scopeId"),
                text(doc, "regionId"), time(doc, "windowStart"), counts, doc.path("responseMinutesSum").asDouble(0),
                namedCounts(doc.get("complaintsByReason")), namedCounts(doc.get("lateByStage")),
                namedCounts(doc.get("exceptionsByCode")),
                sketch(doc));
    }

    private static DDSketch sketch(JsonNode doc) {
        JsonNode sketch = doc.get("responseSketch");
        if (sketch == null || sketch.isNull() || sketch.asText().isEmpty()) {
            return null;
        }
        try {
            return ResponseSketches.decode(Base64.getDecoder().decode(sketch.asText()));
        } catch (IllegalArgumentException e) {
            // Name the document: a p90 silently left out would look like a real figure.
            throw new IllegalArgumentException("KPI document " + doc.path("kpiId").asText() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> namedCounts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        if (object != null && object.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber() && e.getValue().asLong() != 0) {
                    counts.put(e.getKey(), e.getValue().asLong());
                }
            }
        }
        return counts;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant time(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("A KPI document without " + field + ": " + doc.path("kpiId").asText());
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("KPI document " + doc.path("kpiId").asText() + ": " + field + " is not a time: " + value, e);
        }
    }
}
