package io.parcelwatch.generator.parcels;

import io.parcelwatch.schema.ScanType;

/**
 * Where a parcel is in its life, named after what its last progress scan says. TEMPERATURE scans
 * do not change the stage; DELIVERED and RETURNED end it.
 */
public enum Stage {
    AWAITING_PICKUP(ScanType.CREATED),
    TO_ORIGIN_HUB(ScanType.PICKED_UP),
    AT_HUB(ScanType.HUB_ARRIVED),
    IN_TRANSIT(ScanType.HUB_DEPARTED),
    AT_OUTLET(ScanType.OUTLET_ARRIVED),
    OUT_FOR_DELIVERY(ScanType.OUT_FOR_DELIVERY),
    DELIVERY_RETRY(ScanType.DELIVERY_FAILED),
    EXCEPTION(ScanType.EXCEPTION);

    private final ScanType after;

    Stage(ScanType after) {
        this.after = after;
    }

    /** The scan type that starts this stage. */
    public ScanType after() {
        return after;
    }

    /** The stage a scan of this type starts, or null for TEMPERATURE (no change) and terminal scans. */
    public static Stage after(ScanType type) {
        return switch (type) {
            case CREATED -> AWAITING_PICKUP;
            case PICKED_UP -> TO_ORIGIN_HUB;
            case HUB_ARRIVED -> AT_HUB;
            case HUB_DEPARTED -> IN_TRANSIT;
            case OUTLET_ARRIVED -> AT_OUTLET;
            case OUT_FOR_DELIVERY -> OUT_FOR_DELIVERY;
            case DELIVERY_FAILED -> DELIVERY_RETRY;
            case EXCEPTION -> EXCEPTION;
            default -> null;
        };
    }
}
