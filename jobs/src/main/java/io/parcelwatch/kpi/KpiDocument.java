package io.parcelwatch.kpi;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.parcelwatch.kpi.state.KpiCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one KPI window of one scope for the {@code kpi-*} indices (mapping in
 * {@code deploy/elasticsearch/kpi.index-template.json}): the counts, and the rates derived from them
 * (null when their denominator is 0). The id is stable per window, so every rewrite replaces it.
 */
public final class KpiDocument {
    private static final JsonFactory JSON = new JsonFactory();

    private KpiDocument() {}

    public static String id(KpiGranularity granularity, Scope scope, String scopeId, long windowStart) {
        return granularity.fieldValue() + "|" + scope.fieldValue() + "|" + scopeId + "|" + Instant.ofEpochMilli(windowStart);
    }

    public static byte[] render(KpiGranularity granularity, Scope scope, String scopeId, long windowStart, KpiCounts c, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("kpiId", id(granularity, scope, scopeId, windowStart));
            json.writeStringField("granularity", granularity.fieldValue());
            json.writeStringField("windowStart", Instant.ofEpochMilli(windowStart).toString());
            json.writeStringField("windowEnd", Instant.ofEpochMilli(granularity.end(windowStart)).toString());
            json.writeStringField("scope", scope.fieldValue());
            json.writeStringField("scopeId", scopeId);
            json.writeStringField("regionId", c.getRegionId());
            json.writeStringField("updatedAt", now.toString());
            json.writeNumberField("facts", c.getFacts());
            json.writeNumberField("pickedUp", c.getPickedUp());
            long delivered = c.getDelivered();
            json.writeNumberField("delivered", delivered);
            json.writeNumberField("deliveredOnTime", c.getDeliveredOnTime());
            rate(json, "onTimeRate", c.getDeliveredOnTime(), delivered);
            json.writeNumberField("deliveredIntact", c.getDeliveredIntact());
            rate(json, "intactRate", c.getDeliveredIntact(), delivered);
            json.writeNumberField("damaged", c.getDamaged());
            json.writeNumberField("lost", c.getLost());
            json.writeNumberField("returned", c.getReturned());
            rate(json, "lossRate", c.getLost(), delivered + c.getLost() + c.getReturned());
            json.writeNumberField("firstAttemptDelivered", c.getFirstAttemptDelivered());
            rate(json, "firstAttemptRate", c.getFirstAttemptDelivered(), delivered);
            json.writeNumberField("doorDeliveries", c.getDoorDeliveries());
            json.writeNumberField("lockerDeliveries", c.getLockerDeliveries());
            json.writeNumberField("stationDeliveries", c.getStationDeliveries());
            rate(json, "doorShare", c.getDoorDeliveries(), delivered);
            rate(json, "lockerShare", c.getLockerDeliveries(), delivered);
            rate(json, "stationShare", c.getStationDeliveries(), delivered);
            json.writeNumberField("lockerWithoutConsent", c.getLockerWithoutConsent());
            rate(json, "lockerWithoutConsentShare", c.getLockerWithoutConsent(), delivered);
            json.writeNumberField("staleTracking", c.getStaleTracking());
            json.writeNumberField("scanGaps", c.getScanGaps());
            json.writeNumberField("scanGapsWithinLimit", c.getScanGapsWithinLimit());
            rate(json, "freshness", c.getScanGapsWithinLimit(), c.getScanGaps());
            json.writeNumberField("complaintsOpened", c.getComplaintsOpened());
            if (c.getPickedUp() > 0) {
                json.writeNumberField("complaintRatePer10k", 10_000.0 * c.getComplaintsOpened() / c.getPickedUp());
            } else {
                json.writeNullField("complaintRatePer10k");
            }
            json.writeNumberField("complaintsResponded", c.getComplaintsResponded());
            json.writeNumberField("respondedWithin24h", c.getRespondedWithin24h());
            rate(json, "respondedWithin24hShare", c.getRespondedWithin24h(), c.getComplaintsResponded());
            json.writeNumberField("responseMinutesSum", c.getResponseMinutesSum());
            if (c.getComplaintsResponded() > 0) {
                json.writeNumberField("responseMinutesMean", c.getResponseMinutesSum() / c.getComplaintsResponded());
            } else {
                json.writeNullField("responseMinutesMean");
            }
            byte[] sketchBytes = KpiTally.sketchBytes(c);
            if (sketchBytes != null) {
                DDSketch sketch = ResponseSketches.decode(sketchBytes);
                json.writeNumberField("responseMinutesP90", sketch.isEmpty() ? 0 : sketch.getValueAtQuantile(0.9));
                json.writeFieldName("responseSketch");
                json.writeBinary(sketchBytes); // base64, as Elasticsearch's binary type wants it
            } else {
                json.writeNullField("responseMinutesP90");
            }
            counts(json, "complaintsByReason", c.getComplaintsByReason());
            counts(json, "lateByStage", c.getLateByStage());
            counts(json, "exceptionsByCode", c.getExceptionsByCode());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering into memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void rate(JsonGenerator json, String field, long part, long whole) throws IOException {
        if (whole > 0) {
            json.writeNumberField(field, (double) part / whole);
        } else {
            json.writeNullField(field);
        }
    }

    private static void counts(JsonGenerator json, String field, Map<String, Long> counts) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
