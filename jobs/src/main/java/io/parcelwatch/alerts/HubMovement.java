package io.parcelwatch.alerts;

import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.ScanEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * What a scan says about a parcel's stay in a sorting hub. The scan decoder emits one for every valid scan
 * that {@link #of(ScanEvent)} maps to a movement, on the side output {@link #OUTPUT}; {@link HubLossParcelLink}
 * (keyed by parcel) turns a later scan elsewhere into a departure from the hub the parcel was in, and
 * {@link HubLossDetector} (keyed by {@link #hubId}) counts arrivals and departures per hub. A Flink POJO (a
 * record of strings, an enum and numbers), so no generic serializer is needed.
 *
 * @param hubId     the facility of the scan: the hub for hub scans; for the other kinds any facility (an
 *                  outlet, a locker...), which the detector ignores unless the parcel is in dwell there
 * @param regionId  region of that facility, for the alert
 * @param parcelId  the parcel
 * @param kind      what the scan says
 * @param eventTime event time of the scan (epoch millis)
 * @param revision  the scan's revision: a corrected re-send of a scan (same event, new time) has a higher one
 */
public record HubMovement(String hubId, String regionId, String parcelId, Kind kind, long eventTime, int revision) {

    /** The decoder's side output of hub movements. */
    public static final OutputTag<HubMovement> OUTPUT = new OutputTag<>("hub-movements", TypeInformation.of(HubMovement.class));

    public enum Kind {
        /** HUB_ARRIVED: the parcel entered the hub. */
        ARRIVED,
        /**
         * HUB_DEPARTED: the parcel left the hub. Also the kind to use for any later evidence that it left
         * (a scan at another facility after its arrival here), should an upstream that knows the parcel's
         * history ever supply it.
         */
        DEPARTED,
        /** Another scan at the hub (held, damaged, misrouted...): the parcel is still there, its dwell clock restarts. */
        PRESENT,
        /** EXCEPTION LOST at the hub: the hub itself reports the parcel lost; it counts as missing at once. */
        REPORTED_LOST,
        /**
         * A scan at an outlet or delivery point (outlet arrival, out for delivery, delivered, failed attempt,
         * returned): proof that the parcel left the hub it was in before, for {@link HubLossParcelLink}. The
         * detector ignores it.
         */
        SEEN
    }

    /**
     * The movement a (validated) scan with a facility implies, or null: HUB_ARRIVED, HUB_DEPARTED, EXCEPTION,
     * and the scans that come after the hubs ({@link Kind#SEEN}). CREATED and PICKED_UP (before any hub) and
     * TEMPERATURE are left out on purpose (a cold-chain logger reports every few minutes; it would multiply the
     * traffic for no better answer).
     */
    public static HubMovement of(ScanEvent event) {
        String facility = event.getFacilityId();
        if (facility == null || facility.isBlank() || event.getParcelId() == null) {
            return null;
        }
        Kind kind = switch (event.getType()) {
            case HUB_ARRIVED -> Kind.ARRIVED;
            case HUB_DEPARTED -> Kind.DEPARTED;
            case EXCEPTION -> event.getDetails() instanceof ParcelException e && e.getCode() == ExceptionCode.LOST
                    ? Kind.REPORTED_LOST : Kind.PRESENT;
            case OUTLET_ARRIVED, OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED, RETURNED -> Kind.SEEN;
            case CREATED, PICKED_UP, TEMPERATURE, UNKNOWN -> null;
        };
        if (kind == null) {
            return null;
        }
        return new HubMovement(facility, event.getRegionId(), event.getParcelId(), kind, event.getEventTime().toEpochMilli(),
                event.getRevision());
    }
}
