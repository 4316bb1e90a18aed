package io.parcelwatch.tracking;

import io.parcelwatch.schema.ScanType;

/**
 * Where a parcel is in its life. The order of the constants is the stage order: when two scans carry
 * the same event time, the later stage wins.
 */
public enum Stage {
    CREATED, PICKED_UP, AT_HUB, IN_TRANSIT, AT_OUTLET, OUT_FOR_DELIVERY, DELIVERY_FAILED, LOST, RETURNED, DELIVERED;

    /** Delivered and returned parcels are done; so is a lost one, until a scan shows it again. */
    public boolean isFinal() {
        return this == DELIVERED || this == RETURNED || this == LOST;
    }

    /** The stage a scan moves the parcel to, or null if it does not move it (temperature, most exceptions). */
    public static Stage of(ScanType type, String detail) {
        return switch (type) {
            case CREATED -> CREATED;
            case PICKED_UP -> PICKED_UP;
            case HUB_ARRIVED -> AT_HUB;
            case HUB_DEPARTED -> IN_TRANSIT;
            case OUTLET_ARRIVED -> AT_OUTLET;
            case OUT_FOR_DELIVERY -> OUT_FOR_DELIVERY;
            case DELIVERY_FAILED -> DELIVERY_FAILED;
            case DELIVERED -> DELIVERED;
            case RETURNED -> RETURNED;
            case EXCEPTION -> "LOST".equals(detail) ? LOST : null;
            case TEMPERATURE, UNKNOWN -> null;
        };
    }
}
