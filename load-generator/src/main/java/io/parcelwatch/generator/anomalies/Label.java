package io.parcelwatch.generator.anomalies;

import io.parcelwatch.schema.AlertKind;
import java.util.Map;

/**
 * Ground truth about one injected anomaly: one line of the labels file.
 *
 * @param kind           the alert kind the tracker should raise
 * @param parcelId       the parcel, or null for hub-level labels
 * @param facilityId     the facility concerned, or null
 * @param regionId       its region, or null
 * @param from           event time (epoch millis) from which the condition is true
 * @param until          event time at which it stops being true, or null if it does not (within the stream)
 * @param details        kind-specific facts (string or number values), in a stable order
 * @param detectableFrom for anomalies that show only by something not happening (a silence, parcels
 *                       that never leave): the event time from which the stream's own standards can
 *                       tell it from normal behaviour; null when the anomalous event itself shows it
 * @param detectable     false when the stream cannot reveal it: it ends too soon after
 *                       {@code detectableFrom}, or the anomaly is too small to stand out
 */
public record Label(AlertKind kind, String parcelId, String facilityId, String regionId, long from, Long until,
                    Map<String, Object> details, Long detectableFrom, boolean detectable) {

    /** A label whose anomaly shows in the stream as it happens. */
    public Label(AlertKind kind, String parcelId, String facilityId, String regionId, long from, Long until, Map<String, Object> details) {
        this(kind, parcelId, facilityId, regionId, from, until, details, null, true);
    }

    public Label withDetectable(boolean value) {
        return new Label(kind, parcelId, facilityId, regionId, from, until, details, detectableFrom, value);
    }
}
