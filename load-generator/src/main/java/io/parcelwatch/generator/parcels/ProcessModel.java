package io.parcelwatch.generator.parcels;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.MINUTE;
import static io.parcelwatch.generator.network.ChinaTime.at;

/**
 * How long each step of the normal process takes, and when things happen in the day (China local
 * time). Every duration is truncated and every wait bounded so that stages stay within
 * {@link StageLimits#normalMax}; {@code StageLimitsTest} checks that on generated streams.
 */
public final class ProcessModel {
    private ProcessModel() {}

    // --- Pickup (CREATED -> PICKED_UP)
    /** Couriers pick up between these local times. */
    public static final long PICKUP_OPENS = at(8, 0);
    public static final long PICKUP_CLOSES = at(20, 0);
    /** Parcels announced after this time (or before {@link #PICKUP_OPENS}) are picked up the next morning. */
    public static final long PICKUP_CUTOFF = at(18, 0);
    public static final double PICKUP_MEDIAN_H = 1.5;
    public static final double PICKUP_SIGMA = 0.6;
    public static final double PICKUP_CAP_H = 6;
    /** Morning pickups of parcels announced overnight happen within this long after opening. */
    public static final double MORNING_PICKUP_MEDIAN_H = 0.75;
    public static final double MORNING_PICKUP_CAP_H = 2;

    // --- Outlet to origin hub (PICKED_UP -> HUB_ARRIVED)
    /** Outlet-to-hub shuttles leave at these local times. */
    public static final long[] OUTLET_SHUTTLES = {at(11, 0), at(17, 0), at(21, 0)};
    /** A parcel must be at the outlet this long before a shuttle leaves to catch it. */
    public static final long SHUTTLE_HANDLING = 30 * MINUTE;
    public static final double SHUTTLE_MEDIAN_H = 1.2;
    public static final double SHUTTLE_SIGMA = 0.3;
    public static final double SHUTTLE_CAP_H = 3;
    /** Cold-chain parcels go straight to the hub in a refrigerated van. */
    public static final double COLD_TO_HUB_MEDIAN_H = 1.5;
    public static final double COLD_TO_HUB_CAP_H = 4;

    // --- At a sorting hub (HUB_ARRIVED -> HUB_DEPARTED)
    public static final double SORT_MEDIAN_H = 1.5;
    public static final double SORT_SIGMA = 0.4;
    public static final double SORT_CAP_H = 4;
    public static final double COLD_SORT_MEDIAN_H = 0.8;
    public static final double COLD_SORT_CAP_H = 2;
    /** Long-haul lanes (median transit 6 h or more) depart in these waves: overnight line-haul plus a midday wave. */
    public static final long[] LONG_HAUL_WAVES = {at(0, 0), at(3, 0), at(12, 0), at(21, 0)};
    /** Short lanes depart every three hours. */
    public static final long[] SHORT_HAUL_DEPARTURES = {at(1, 0), at(4, 0), at(7, 0), at(10, 0), at(13, 0), at(16, 0), at(19, 0), at(22, 0)};
    /** Hub-to-outlet delivery shuttles. */
    public static final long[] HUB_TO_OUTLET_SHUTTLES = {at(2, 0), at(7, 0), at(11, 0), at(16, 0)};
    /** Cold-chain vehicles leave every three hours on every lane and to every outlet. */
    public static final long[] COLD_CHAIN_DEPARTURES = {at(0, 30), at(3, 30), at(6, 30), at(9, 30), at(12, 30), at(15, 30), at(18, 30), at(21, 30)};

    /** Departure scans happen while loading, up to this long before the vehicle leaves. */
    public static final long DEPARTURE_SCAN_LEAD = 15 * MINUTE;

    // --- Hub to outlet (HUB_DEPARTED -> OUTLET_ARRIVED); hub-to-hub transit is per lane (see Lane)
    public static final double TO_OUTLET_MEDIAN_H = 1.3;
    public static final double TO_OUTLET_SIGMA = 0.3;
    public static final double TO_OUTLET_CAP_H = 4;

    // --- At the destination outlet (OUTLET_ARRIVED -> OUT_FOR_DELIVERY)
    public static final long OUTLET_SORT_MIN = 15 * MINUTE;
    public static final long OUTLET_SORT_MAX = 60 * MINUTE;
    /** Delivery rounds; the last urban round makes the evening delivery peak. */
    public static final long[] URBAN_ROUNDS = {at(8, 30), at(13, 30), at(17, 0)};
    public static final long[] RURAL_ROUNDS = {at(9, 0), at(14, 0)};
    /** Couriers scan OUT_FOR_DELIVERY within this long after the round starts. */
    public static final long ROUND_JITTER = 20 * MINUTE;

    // --- Delivery (OUT_FOR_DELIVERY -> DELIVERED / DELIVERY_FAILED)
    public static final double URBAN_DELIVERY_MEDIAN_H = 1.5;
    public static final double URBAN_DELIVERY_CAP_H = 5;
    public static final double RURAL_DELIVERY_MEDIAN_H = 2.5;
    public static final double RURAL_DELIVERY_CAP_H = 7;
    public static final double DELIVERY_SIGMA = 0.5;
    public static final double DOOR_FAILURE_PROBABILITY = 0.07;
    public static final double LOCKER_FAILURE_PROBABILITY = 0.015;
    /** A failed parcel must be back at the outlet this long before the next round to go out with it. */
    public static final long RETRY_HANDLING = 30 * MINUTE;
    public static final int MAX_ATTEMPTS = 3;
    /** After the last failed attempt (or a refusal) the parcel is returned to the sender this long after. */
    public static final long RETURN_MIN = 30 * MINUTE;
    public static final long RETURN_MAX = 2 * HOUR;

    // --- Same-day service: an express chain without waiting for shuttles or rounds (same-hub routes only)
    public static final long SAME_DAY_OPENS = at(8, 0);
    public static final long SAME_DAY_CLOSES = at(11, 0);
    public static final double EXPRESS_STEP_MEDIAN_H = 0.7;
    public static final double EXPRESS_STEP_CAP_H = 2;

    // --- Holds (lane disruption)
    /** Held parcels are re-scanned (EXCEPTION HELD) this often while they wait. */
    public static final long HOLD_RESCAN = 4 * HOUR;

    // --- Share of recipients asking for door delivery, and delivery methods otherwise
    public static final double DOOR_REQUESTED_URBAN = 0.30;
    public static final double DOOR_REQUESTED_RURAL = 0.15;
    /** Door-requested parcels that the courier, with the recipient's consent, leaves in a locker or station. */
    public static final double CONSENTED_LOCKER_SHARE = 0.12;
    public static final double LOCKER_SHARE = 0.45;
    public static final double STATION_SHARE = 0.35;
}
