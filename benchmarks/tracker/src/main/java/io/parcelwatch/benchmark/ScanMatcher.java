package io.parcelwatch.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Whether a parcel's status document shows a given scan. The document's scan history (see
 * {@code io.parcelwatch.tracking.ParcelDocument}) carries each scan's type and event time but not its
 * event id, so a scan is identified by the pair; a parcel never has two scans of one type at the same
 * millisecond that the tracker would keep apart.
 */
final class ScanMatcher {
    private ScanMatcher() {}

    static boolean shows(JsonNode document, String type, long eventTimeMillis) {
        for (JsonNode scan : document.path("scans")) {
            if (type.equals(scan.path("type").asText()) && timeOf(scan) == eventTimeMillis) {
                return true;
            }
        }
        return false;
    }

    private static long timeOf(JsonNode scan) {
        try {
            return Instant.parse(scan.path("time").asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
