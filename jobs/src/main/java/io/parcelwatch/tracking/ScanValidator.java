package io.parcelwatch.tracking;

import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Says what is wrong with a decoded scan, if anything: the reasons become dead-letter reason codes.
 * Checks only what would make the tracker's view wrong (no ids, a kind it cannot know, a time that
 * cannot be, a payload missing where the status depends on it).
 */
public record ScanValidator(Instant earliest, Duration maxFutureSkew) implements Serializable {
    static final double MIN_PLAUSIBLE_C = -60;
    static final double MAX_PLAUSIBLE_C = 80;

    public static ScanValidator defaults() {
        return new ScanValidator(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofDays(1));
    }

    /** A problem, or null if the scan is usable. */
    public Problem check(ScanEvent event, long wallClockMillis) {
        if (event.getParcelId() == null || event.getParcelId().isBlank()) {
            return new Problem("MISSING_PARCEL_ID", "scan " + event.getEventId() + " has no parcel id");
        }
        if (event.getEventId() == null || event.getEventId().isBlank()) {
            return new Problem("MISSING_EVENT_ID", "a scan of " + event.getParcelId() + " has no event id");
        }
        if (event.getType() == ScanType.UNKNOWN) {
            return new Problem("UNKNOWN_SCAN_TYPE", "scan " + event.getEventId() + " has a type this version does not know");
        }
        long time = event.getEventTime().toEpochMilli();
        if (time < earliest.toEpochMilli() || time > wallClockMillis + maxFutureSkew.toMillis()) {
            return new Problem("IMPOSSIBLE_EVENT_TIME", "scan " + event.getEventId() + " claims event time "
                    + event.getEventTime() + ", before " + earliest + " or more than " + maxFutureSkew + " ahead of now");
        }
        Double celsius = event.getTemperatureCelsius();
        if (celsius != null && (celsius.isNaN() || celsius < MIN_PLAUSIBLE_C || celsius > MAX_PLAUSIBLE_C)) {
            return new Problem("IMPOSSIBLE_TEMPERATURE", "scan " + event.getEventId() + " reports " + celsius + " °C");
        }
        Object details = event.getDetails();
        return switch (event.getType()) {
            case CREATED -> details instanceof Created created ? checkCreated(event, created)
                    : missing(event, "Created");
            case DELIVERED -> details instanceof Delivery ? null : missing(event, "Delivery");
            case EXCEPTION -> details instanceof ParcelException ? null : missing(event, "ParcelException");
            case TEMPERATURE -> celsius == null
                    ? new Problem("MISSING_TEMPERATURE", "TEMPERATURE scan " + event.getEventId() + " carries no temperature")
                    : null;
            default -> null;
        };
    }

    private static Problem checkCreated(ScanEvent event, Created created) {
        if (created.getServiceLevel() == ServiceLevel.UNKNOWN) {
            return new Problem("UNKNOWN_SERVICE_LEVEL", "parcel " + event.getParcelId() + " has a service level this version does not know");
        }
        if (created.getCategory() == ParcelCategory.UNKNOWN) {
            return new Problem("UNKNOWN_PARCEL_CATEGORY", "parcel " + event.getParcelId() + " has a category this version does not know");
        }
        return null;
    }

    private static Problem missing(ScanEvent event, String payload) {
        return new Problem("MISSING_DETAILS", event.getType() + " scan " + event.getEventId() + " lacks its " + payload + " payload");
    }

    /** @param reason a dead-letter reason code */
    public record Problem(String reason, String message) {}
}
