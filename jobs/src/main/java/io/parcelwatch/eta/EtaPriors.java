package io.parcelwatch.eta;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Step durations assumed until a step key has {@link #minObservations} observations of its own.
 *
 * @param byKind          a prior for every step kind, whatever the service level
 * @param byService       overrides per service level name (the {@link StepKey#service()} token)
 * @param minObservations observations a learned summary needs before it replaces the prior (round times too)
 * @param rounds          how a parcel meets its outlet's delivery rounds
 * @param departures      how a parcel meets its hub's departures
 * @param pickups         when a parcel is picked up, by the hour it was announced (for the current pickup of a parcel
 *                        whose service level has no pickup prior of its own)
 */
public record EtaPriors(Map<StepKind, StepPrior> byKind, Map<String, Map<StepKind, StepPrior>> byService, int minObservations,
                        OutletRounds rounds, HubDepartures departures, PickupHours pickups) implements Serializable {

    public EtaPriors {
        byKind = new EnumMap<>(byKind);
        for (StepKind kind : StepKind.values()) {
            if (kind.isDuration() && !byKind.containsKey(kind)) {
                throw new IllegalArgumentException("no prior for " + kind);
            }
        }
        Map<String, Map<StepKind, StepPrior>> copy = new HashMap<>();
        byService.forEach((service, priors) -> copy.put(service, priors.isEmpty() ? Map.of() : new EnumMap<>(priors)));
        byService = copy;
        if (minObservations < 1) {
            throw new IllegalArgumentException("minObservations must be positive");
        }
        Objects.requireNonNull(rounds, "rounds");
        Objects.requireNonNull(departures, "departures");
        Objects.requireNonNull(pickups, "pickups");
    }

    /**
     * Roughly what the load generator simulates: read off its {@code ProcessModel}, {@code PlanBuilder} and
     * {@code NetworkBuilder.lane}, and checked against the steps of a generated stream ({@code generate --scenario
     * clean --parcels 20000}, seed 1: median / p90 per kind shown in brackets). Ranges over the day are folded
     * into one median and p90; the learned per-band summaries take over from there.
     * <ul>
     * <li>PICKUP: log-normal 1.5 h within pickup hours (08:00–20:00), the next morning (08:00 + 0.75 h) for parcels
     *     announced after 18:00: 2 h / 12 h [10.2 h / 10.9 h, that stream announced its parcels at night]. For a
     *     pickup under way, whose announcement hour is known, {@link PickupHours#defaults()} instead.
     *     Same day: the express chain, 0.7 h (σ 0.4) per step: 0.7 h / 1.2 h.</li>
     * <li>FIRST_MILE: next outlet shuttle (11:00, 17:00, 21:00, 30 min handling) + 1.2 h: 4 h / 7.5 h
     *     [3.4 h / 4.0 h, morning pickups only]; same day 0.7 h / 1.2 h.</li>
     * <li>DWELL: sorting 1.5 h (σ 0.4) + the wait for the lane's next departure (every 3 h, long-haul waves at
     *     00, 03, 12, 21, outlet shuttles 02, 07, 11, 16): 4 h / 9 h [3.9 h / 8.8 h; 3.1–4.9 h by start band];
     *     same day 0.5 h / 0.85 h (no waiting for waves).</li>
     * <li>TRANSIT: per lane, median 1 + km/80 h by road or 7 + km/800 h by trunk, σ 0.25–0.3, capped at 23.5 h;
     *     for a lane not yet seen 7 h / 12 h [7.4 h / 12.2 h].</li>
     * <li>LINE_TO_OUTLET: log-normal 1.3 h (σ 0.3) from departure, scanned up to 15 min before: 1.4 h / 2 h
     *     [1.4 h / 2.0 h, the same in every band]; same day 0.7 h / 1.2 h.</li>
     * <li>LAST_MILE: 15–60 min outlet sorting, the next delivery round (08:30, 13:30, 17:00; rural 09:00, 14:00)
     *     and 1.5 h delivery (rural 2.5 h, σ 0.5), plus failed attempts: 7 h / 17 h [7.1 h / 17.2 h; 3.6 h when
     *     it starts 12:00–15:00, 17.3 h when 15:00–18:00]; same day 1.4 h / 2.1 h.</li>
     * <li>ROUND: the delivery run after the out-for-delivery scan, log-normal 1.5 h in town and 2.5 h in the
     *     country (σ 0.5), a failed attempt and the next round included: 1.8 h / 4 h [1.77 h / 4.00 h over every
     *     out-for-delivery scan of the default scenario, {@code --start 2026-11-24T02:00:00Z}]; same day 0.7 h / 1.2 h.
     *     It applies to every outlet until its own rounds are learned, which a halfway prediction is usually made
     *     before: with 1.6 h / 3.5 h (town deliveries without failures) rural outlets' deliveries came after p90.</li>
     * </ul>
     * Learned summaries replace them from 10 observations on.
     */
    public static EtaPriors defaults() {
        Map<StepKind, StepPrior> kinds = new EnumMap<>(StepKind.class);
        kinds.put(StepKind.PICKUP, StepPrior.ofHours(2, 12));
        kinds.put(StepKind.FIRST_MILE, StepPrior.ofHours(4, 7.5));
        kinds.put(StepKind.DWELL, StepPrior.ofHours(4, 9));
        kinds.put(StepKind.TRANSIT, StepPrior.ofHours(7, 12));
        kinds.put(StepKind.LINE_TO_OUTLET, StepPrior.ofHours(1.4, 2));
        kinds.put(StepKind.LAST_MILE, StepPrior.ofHours(7, 17));
        kinds.put(StepKind.ROUND, StepPrior.ofHours(1.8, 4));
        Map<StepKind, StepPrior> sameDay = new EnumMap<>(StepKind.class);
        sameDay.put(StepKind.PICKUP, StepPrior.ofHours(0.7, 1.2));
        sameDay.put(StepKind.FIRST_MILE, StepPrior.ofHours(0.7, 1.2));
        sameDay.put(StepKind.DWELL, StepPrior.ofHours(0.5, 0.85));
        sameDay.put(StepKind.LINE_TO_OUTLET, StepPrior.ofHours(0.7, 1.2));
        sameDay.put(StepKind.LAST_MILE, StepPrior.ofHours(1.4, 2.1));
        sameDay.put(StepKind.ROUND, StepPrior.ofHours(0.7, 1.2));
        return new EtaPriors(kinds, Map.of("SAME_DAY", sameDay), 10, OutletRounds.defaults(), HubDepartures.defaults(),
                PickupHours.defaults());
    }

    /** The prior of a kind for a service token; a cold-chain token ({@link JourneyPlan#COLD_CHAIN_SUFFIX}) takes its service level's. */
    public StepPrior prior(StepKind kind, String service) {
        StepPrior own = serviceOwn(kind, service);
        return own != null ? own : byKind.get(kind);
    }

    /**
     * The prior of a pickup under way, announced this long after the local midnight: the service level's own if it has
     * one (same-day parcels are fetched at once), else by the hour ({@link PickupHours}).
     */
    public StepPrior pickupAnnouncedAt(String service, long millisIntoDay) {
        StepPrior own = serviceOwn(StepKind.PICKUP, service);
        return own != null ? own : pickups.announcedAt(millisIntoDay);
    }

    /** The service level's own prior of a kind, or null. */
    private StepPrior serviceOwn(StepKind kind, String service) {
        Map<StepKind, StepPrior> overrides = byService.get(JourneyPlan.serviceLevelOf(service));
        return overrides == null ? null : overrides.get(kind);
    }

    public EtaPriors withMinObservations(int min) {
        return new EtaPriors(byKind, byService, min, rounds, departures, pickups);
    }

    public EtaPriors withRounds(OutletRounds outletRounds) {
        return new EtaPriors(byKind, byService, minObservations, outletRounds, departures, pickups);
    }

    public EtaPriors withDepartures(HubDepartures hubDepartures) {
        return new EtaPriors(byKind, byService, minObservations, rounds, hubDepartures, pickups);
    }
}
