package io.parcelwatch.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Synthetic parcels status documents (the tracker's contract, see {@link DeliveryReader}), times in hours after T. */
final class PredictionDocs {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    private PredictionDocs() {}

    static String at(double hours) {
        return T.plusMillis(Math.round(hours * 3_600_000)).toString();
    }

    /** A status document; {@code promisedH} or {@code deliveredH} null leaves the field out. */
    static ObjectNode doc(String parcelId, String serviceLevel, Double promisedH, Double deliveredH) {
        ObjectNode d = JSON.createObjectNode();
        d.put("parcelId", parcelId);
        d.put("stage", deliveredH == null ? "OUT_FOR_DELIVERY" : "DELIVERED");
        d.put("serviceLevel", serviceLevel);
        d.put("category", "DOCUMENTS");
        d.putArray("plannedRoute").add("HUB-A").add("HUB-B");
        if (promisedH != null) {
            d.put("promisedAt", at(promisedH));
        }
        if (deliveredH != null) {
            d.put("deliveredAt", at(deliveredH));
        }
        d.putObject("lastScan").put("time", at(deliveredH == null ? 1 : deliveredH));
        return d;
    }

    /** Adds the prediction kept at {@code point} ("pickup", "halfway", "outForDelivery"). */
    static ObjectNode snap(ObjectNode doc, String point, double atH, double p10H, double p50H, double p90H, double lateProbability) {
        ObjectNode predictionsAt = doc.has("predictionsAt") ? (ObjectNode) doc.get("predictionsAt") : doc.putObject("predictionsAt");
        ObjectNode p = predictionsAt.putObject(point);
        p.put("at", at(atH));
        p.put("p10", at(p10H));
        p.put("p50", at(p50H));
        p.put("p90", at(p90H));
        p.put("lateProbability", lateProbability);
        p.putNull("slowestStep");
        p.put("computedAt", at(atH));
        return doc;
    }

    static List<Delivery> parse(ObjectNode... docs) {
        return Arrays.stream(docs).map(DeliveryReader::parse).toList();
    }
}
