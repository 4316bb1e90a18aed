package io.parcelwatch.tracking;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.parcelwatch.config.ColdChain;
import io.parcelwatch.eta.Forecast;
import io.parcelwatch.eta.Prediction;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.tracking.state.OpenAlert;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders a parcel's live status document for the {@code parcels} index (mapping in
 * {@code deploy/elasticsearch/parcels.index-template.json}). It carries only masked personal data and
 * the keyed phone hash, because the state it is rendered from holds nothing else.
 */
public final class ParcelDocument {
    public static final String INDEX = "parcels";
    private static final JsonFactory JSON = new JsonFactory();

    private ParcelDocument() {}

    public static byte[] render(ParcelState state, Instant renderedAt) {
        return render(state, null, renderedAt);
    }

    /** The document with the parcel's predicted delivery ({@code forecast} may be null: none yet). */
    public static byte[] render(ParcelState state, Forecast forecast, Instant renderedAt) {
        ParcelTimeline timeline = new ParcelTimeline(state);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + 96 * state.getScans().size());
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("parcelId", state.getParcelId());
            Stage stage = timeline.stage();
            json.writeStringField("stage", stage == null ? null : stage.name());
            json.writeNumberField("version", state.getSeq());
            json.writeStringField("serviceLevel", state.getServiceLevel());
            json.writeStringField("category", state.getCategory());
            json.writeStringField("originFacilityId", state.getOriginFacilityId());
            json.writeStringField("destinationFacilityId", state.getDestinationFacilityId());
            json.writeArrayFieldStart("plannedRoute");
            for (String hub : state.getPlannedRoute()) {
                json.writeString(hub);
            }
            json.writeEndArray();
            writeTime(json, "promisedAt", state.getPromisedAt());
            json.writeBooleanField("doorDeliveryRequested", state.getDoorDeliveryRequested());
            json.writeBooleanField("coldChain", ColdChain.isColdChainCategory(state.getCategory()));
            if (state.getLastTemperature() != null) {
                json.writeNumberField("lastTemperatureC", state.getLastTemperature());
                writeTime(json, "lastTemperatureAt", state.getLastTemperatureAt());
            }

            Scan stageScan = timeline.stageScan();
            if (stage == Stage.DELIVERED) {
                writeTime(json, "deliveredAt", stageScan.getTime());
                if (stageScan.getDetail() != null) {
                    json.writeStringField("deliveryMethod", stageScan.getDetail().split(":")[0]);
                }
            }
            Scan last = timeline.lastScan();
            if (last != null) {
                json.writeObjectFieldStart("lastScan");
                writeScanFields(json, last);
                json.writeEndObject();
            }
            json.writeArrayFieldStart("scans");
            Set<String> exceptionCodes = new LinkedHashSet<>();
            for (Scan scan : state.getScans()) {
                json.writeStartObject();
                writeScanFields(json, scan);
                json.writeEndObject();
                if (scan.getType().equals(ScanType.EXCEPTION.name()) && scan.getDetail() != null) {
                    exceptionCodes.add(scan.getDetail());
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("exceptionCodes");
            for (String code : exceptionCodes) {
                json.writeString(code);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("openAlerts");
            for (OpenAlert alert : state.getOpenAlerts()) {
                json.writeString(alert.getKind());
            }
            json.writeEndArray();
            json.writeBooleanField("priorityClaim", exceptionCodes.contains("DAMAGED") || exceptionCodes.contains("LOST")
                    || state.getOpenAlerts().stream().anyMatch(a -> a.getKind().equals(AlertKind.LOST.name())));

            if (forecast != null) {
                writeForecast(json, forecast);
            }

            json.writeObjectFieldStart("recipient");
            json.writeStringField("nameMasked", state.getRecipientNameMasked());
            json.writeStringField("phoneMasked", state.getRecipientPhoneMasked());
            json.writeStringField("phoneHash", state.getRecipientPhoneHash());
            json.writeStringField("addressMasked", state.getRecipientAddressMasked());
            json.writeEndObject();

            json.writeStringField("updatedAt", renderedAt.toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering into memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeForecast(JsonGenerator json, Forecast forecast) throws IOException {
        if (forecast.current() != null) {
            json.writeObjectFieldStart("prediction");
            writePrediction(json, forecast.current());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("predictionsAt");
        writePoint(json, "pickup", forecast.atPickup());
        writePoint(json, "halfway", forecast.atHalfway());
        writePoint(json, "outForDelivery", forecast.atOutForDelivery());
        json.writeEndObject();
    }

    private static void writePoint(JsonGenerator json, String name, Prediction prediction) throws IOException {
        if (prediction != null) {
            json.writeObjectFieldStart(name);
            writeTime(json, "at", prediction.computedAt());
            writePrediction(json, prediction);
            json.writeEndObject();
        }
    }

    private static void writePrediction(JsonGenerator json, Prediction p) throws IOException {
        writeTime(json, "p10", p.p10());
        writeTime(json, "p50", p.p50());
        writeTime(json, "p90", p.p90());
        json.writeNumberField("lateProbability", Math.round(p.lateProbability() * 1000) / 1000.0);
        json.writeStringField("slowestStep", p.slowestStep());
        writeTime(json, "computedAt", p.computedAt());
    }

    private static void writeScanFields(JsonGenerator json, Scan scan) throws IOException {
        writeTime(json, "time", scan.getTime());
        json.writeStringField("type", scan.getType());
        json.writeStringField("facilityId", scan.getFacilityId());
        json.writeStringField("regionId", scan.getRegionId());
        if (scan.getDetail() != null) {
            json.writeStringField("detail", scan.getDetail());
        }
    }

    private static void writeTime(JsonGenerator json, String field, Long epochMillis) throws IOException {
        json.writeStringField(field, epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString());
    }
}
