package io.parcelwatch.alerts;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an alert for the {@code alerts} index (mapping in {@code deploy/elasticsearch/alerts.index-template.json}).
 * The document id is the alert id; its external version is 1 when raised and 2 when resolved, so a
 * replayed or late "raised" can never reopen an alert that Elasticsearch already shows resolved.
 */
public final class AlertDocument {
    public static final String INDEX = "alerts";
    private static final JsonFactory JSON = new JsonFactory();

    private AlertDocument() {}

    public static long version(Alert alert) {
        return alert.getStatus() == AlertStatus.RAISED ? 1 : 2;
    }

    public static byte[] render(Alert alert) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("alertId", alert.getAlertId());
            json.writeStringField("kind", alert.getKind().name());
            json.writeStringField("status", alert.getStatus().name());
            json.writeStringField("severity", alert.getSeverity().name());
            json.writeStringField("parcelId", alert.getParcelId());
            json.writeStringField("complaintId", alert.getComplaintId());
            json.writeStringField("facilityId", alert.getFacilityId());
            json.writeStringField("regionId", alert.getRegionId());
            if (alert.getStatus() == AlertStatus.RAISED) {
                json.writeStringField("raisedAt", alert.getEventTime().toString());
            } else {
                json.writeStringField("raisedAt", alert.getEvidence().get("raisedAt"));
                json.writeStringField("resolvedAt", alert.getEventTime().toString());
            }
            json.writeStringField("eventTime", alert.getEventTime().toString());
            json.writeStringField("emittedAt", alert.getEmittedAt().toString());
            json.writeStringField("summary", alert.getSummary());
            json.writeObjectFieldStart("evidence");
            for (Map.Entry<String, String> e : new TreeMap<>(alert.getEvidence()).entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering into memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
