package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How a parcel meets its outlet's delivery rounds, for the predictor's wait between the outlet arrival and the
 * out-for-delivery scan. When the rounds leave is learned per outlet ({@link StepKind#ROUND_START}); what is set
 * here is what a stream does not show.
 *
 * @param readyFrom     an arriving parcel is sorted and ready for a round at the earliest this long after its arrival
 * @param readyTo       and at the latest this long after it (uniform between the two)
 * @param sameRound     out-for-delivery scans less than this apart in the day belong to one round: couriers scan
 *                      their parcels over the first minutes of a round, and rounds are hours apart
 * @param withoutRounds service levels whose parcels go out as soon as they are sorted, not with a round: their
 *                      out-for-delivery times say nothing of the rounds, and their last mile is predicted whole
 */
public record OutletRounds(Duration readyFrom, Duration readyTo, Duration sameRound, Set<String> withoutRounds) implements Serializable {

    public OutletRounds {
        if (readyFrom.isNegative() || readyTo.compareTo(readyFrom) < 0 || !sameRound.isPositive()) {
            throw new IllegalArgumentException("outlet rounds: need 0 <= readyFrom <= readyTo and sameRound > 0, got " + readyFrom + ", "
                    + readyTo + ", " + sameRound);
        }
        withoutRounds = Set.copyOf(withoutRounds);
    }

    /**
     * Read off the load generator's {@code ProcessModel}: 15–60 min of outlet sorting, couriers scanning within 20 min of
     * the round's start, rounds at least 3.5 h apart, and same-day parcels out 15–30 min after their arrival.
     */
    public static OutletRounds defaults() {
        return new OutletRounds(Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofHours(1), Set.of("SAME_DAY"));
    }

    /** Whether parcels of this service token (a cold-chain token counts as its service level) go out with the rounds. */
    public boolean appliesTo(String service) {
        return service == null || !withoutRounds.contains(JourneyPlan.serviceLevelOf(service));
    }
}
