package io.parcelwatch.generator.anomalies;

import io.parcelwatch.schema.AlertKind;
import java.util.Map;

/**
 * Ground truth about one injected anomaly: one line of the labels file.
 *
 * @param kind       the alert kind the tracker should raise
 * @param parcelId   the parcel, or null for hub-level labels
 * @param facilityId the facility concerned, or null
 * @param regionId   its region, or null
 * @param from       event time (epoch millis) from which the condition is true
 * @param until      event time at which it stops being true, or null if it does not (within the stream)
 * @param details    kind-specific facts (string or number values), in a stable order
 */
public record Label(AlertKind kind, String parcelId, String facilityId, String regionId, long from, Long until,
                    Map<String, Object> details) {
}
