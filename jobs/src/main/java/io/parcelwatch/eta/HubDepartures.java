package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a parcel meets its hub's departures, for the predictor's dwell: sorted, then loaded on the first vehicle
 * to its next stop that leaves after that. When the vehicles leave is learned per hub and next stop
 * ({@link StepKind#DEPARTURE}); what is set here is what a stream does not show.
 *
 * <p>Why not only the dwell as learned: in a stream's first day a dwell is learned only from the parcels whose
 * dwell has ended. Of the parcels that reached a hub this morning, those are the ones that caught the first
 * vehicle; the ones waiting for the evening wave are not in the sketch yet. Measured on the default scenario
 * started at 02:00Z: halfway predictions made at night (00:00–03:00 local) had 0.65 of deliveries inside the
 * interval and a median error of +2.9 h.
 *
 * @param sort              how long a regular parcel takes from its hub arrival until it can be loaded
 * @param coldChainSort     the same for a cold-chain parcel (sorted first)
 * @param sameDeparture     departure scans less than this apart in the day belong to one vehicle: parcels are
 *                          scanned while loading, and vehicles to one next stop leave hours apart
 * @param withoutDepartures service levels whose parcels leave as soon as they are sorted (an express chain): their
 *                          departure times say nothing of a timetable, and their dwell is predicted as learned
 * @param outletShuttles    when the shuttles from a hub to its outlets leave (local time), for the part of the day
 *                          not watched yet; the same at every hub. Empty: the dwell as learned in those hours. Lanes
 *                          between hubs have no prior: short lanes and long-haul waves keep different hours.
 */
public record HubDepartures(StepPrior sort, StepPrior coldChainSort, Duration sameDeparture, Set<String> withoutDepartures,
                            List<LocalTime> outletShuttles) implements Serializable {

    public HubDepartures {
        if (!sameDeparture.isPositive()) {
            throw new IllegalArgumentException("hub departures: sameDeparture must be positive, got " + sameDeparture);
        }
        withoutDepartures = Set.copyOf(withoutDepartures);
        outletShuttles = List.copyOf(new TreeSet<>(outletShuttles));
    }

    /**
     * Read off the load generator's {@code ProcessModel}: sorting log-normal 1.5 h (σ 0.4; cold chain 0.8 h),
     * departure scans within the 15 minutes before a vehicle leaves, departures at least 2.5 h apart, same-day parcels
     * leaving once sorted, and the hub-to-outlet shuttles at 02:00, 07:00, 11:00 and 16:00.
     */
    public static HubDepartures defaults() {
        return new HubDepartures(StepPrior.ofHours(1.5, 2.5), StepPrior.ofHours(0.8, 1.35), Duration.ofHours(1), Set.of("SAME_DAY"),
                List.of(LocalTime.of(2, 0), LocalTime.of(7, 0), LocalTime.of(11, 0), LocalTime.of(16, 0)));
    }

    /** The same, with another prior timetable for the outlet shuttles. */
    public HubDepartures withOutletShuttles(List<LocalTime> shuttles) {
        return new HubDepartures(sort, coldChainSort, sameDeparture, withoutDepartures, shuttles);
    }

    /** Whether parcels of this service token (a cold-chain token counts as its service level) wait for departures. */
    public boolean appliesTo(String service) {
        return service == null || !withoutDepartures.contains(JourneyPlan.serviceLevelOf(service));
    }

    /** The prior shuttles' departures in millis after local midnight, in order. */
    int[] outletShuttleMillis() {
        return Timetable.millisOf(outletShuttles);
    }
}
