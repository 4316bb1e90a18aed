package io.parcelwatch.tracking;

import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.Recipient;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Scan events of one parcel for tests, with times given as hours after {@link #T0}. */
final class Scans {
    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    static final String PHONE = "13812341234";
    static final String NAME = "张伟";
    static final String ADDRESS = "北京市朝阳区建国路 88 号 3 单元 1201";

    private final String parcelId;
    private int next;

    Scans(String parcelId) {
        this.parcelId = parcelId;
    }

    static Instant at(double hours) {
        return T0.plus(Duration.ofMillis(Math.round(hours * 3_600_000)));
    }

    ScanEvent created(double hours, ServiceLevel level, ParcelCategory category, boolean door) {
        return base(ScanType.CREATED, hours, "OUT-SH-1").setDetails(Created.newBuilder()
                .setServiceLevel(level).setCategory(category)
                .setOriginFacilityId("OUT-SH-1").setDestinationFacilityId("OUT-BJ-7")
                .setPlannedRoute(List.of("HUB-SH", "HUB-BJ"))
                .setPromisedDeliveryTime(at(hours + 36)).setDoorDeliveryRequested(door)
                .setRecipient(new Recipient(NAME, PHONE, ADDRESS)).build()).build();
    }

    ScanEvent scan(ScanType type, double hours, String facility) {
        return base(type, hours, facility).build();
    }

    ScanEvent delivered(double hours, DeliveryMethod method, boolean consented) {
        return base(ScanType.DELIVERED, hours, "OUT-BJ-7").setDetails(new Delivery(method, consented)).build();
    }

    ScanEvent exception(double hours, ExceptionCode code, String facility) {
        return base(ScanType.EXCEPTION, hours, facility).setDetails(new ParcelException(code, null)).build();
    }

    ScanEvent temperature(double hours, double celsius) {
        return base(ScanType.TEMPERATURE, hours, null).setTemperatureCelsius(celsius).build();
    }

    /** The same scan again with a corrected time. */
    static ScanEvent corrected(ScanEvent original, double hours) {
        return ScanEvent.newBuilder(original).setRevision(original.getRevision() + 1).setEventTime(at(hours)).build();
    }

    private ScanEvent.Builder base(ScanType type, double hours, String facility) {
        return ScanEvent.newBuilder().setEventId(parcelId + "-e" + (next++)).setParcelId(parcelId).setType(type)
                .setEventTime(at(hours)).setFacilityId(facility).setRegionId(facility == null ? null : facility.substring(4, 6));
    }
}
