package io.parcelwatch.alerts;

import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.Severity;
import java.util.Map;

/**
 * An alert condition that holds for a parcel right now.
 *
 * @param since     event time from which the underlying fact holds (last scan before a silence, start of an excursion)
 * @param trueAt    event time from which the alert condition holds (since + the limit or tolerance; = since for instant facts)
 */
public record Condition(AlertKind kind, Severity severity, long since, long trueAt, String facilityId, String regionId,
                        String summary, Map<String, String> evidence) {}
