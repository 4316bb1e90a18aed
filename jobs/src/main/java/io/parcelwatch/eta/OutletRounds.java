package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
 * @param prior         when rounds leave (local time) at an outlet whose rounds are not yet learned, and in the part of
 *                      the day an outlet has not been watched for yet: a stream shows an outlet's afternoon round only
 *                      in the afternoon, and a parcel reaching it in the evening would otherwise be predicted by a last
 *                      mile learned from the parcels that made that day's rounds, not from those that wait for the next
 *                      morning's. Empty: no prior, the last mile as learned until the outlet's rounds are.
 */
public record OutletRounds(Duration readyFrom, Duration readyTo, Duration sameRound, Set<String> withoutRounds, List<LocalTime> prior)
        implements Serializable {

    public OutletRounds {
        if (readyFrom.isNegative() || readyTo.compareTo(readyFrom) < 0 || !sameRound.isPositive()) {
            throw new IllegalArgumentException("outlet rounds: need 0 <= readyFrom <= readyTo and sameRound > 0, got " + readyFrom + ", "
                    + readyTo + ", " + sameRound);
        }
        withoutRounds = Set.copyOf(withoutRounds);
        prior = List.copyOf(new TreeSet<>(prior));
    }

    /**
     * Read off the load generator's {@code ProcessModel}: 15–60 min of outlet sorting, couriers scanning within 20 min of
     * the round's start, rounds at least 3.5 h apart, same-day parcels out 15–30 min after their arrival, and the
     * town outlets' rounds at 08:30, 13:30 and 17:00 (rural outlets leave out the evening one, which their first
     * evening shows).
     */
    public static OutletRounds defaults() {
        return new OutletRounds(Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofHours(1), Set.of("SAME_DAY"),
                List.of(LocalTime.of(8, 30), LocalTime.of(13, 30), LocalTime.of(17, 0)));
    }

    /** The same, with another prior timetable. */
    public OutletRounds withPrior(List<LocalTime> rounds) {
        return new OutletRounds(readyFrom, readyTo, sameRound, withoutRounds, rounds);
    }

    /** The prior rounds' starts in millis after local midnight, in order. */
    int[] priorMillis() {
        return Timetable.millisOf(prior);
    }

    /** Whether parcels of this service token (a cold-chain token counts as its service level) go out with the rounds. */
    public boolean appliesTo(String service) {
        return service == null || !withoutRounds.contains(JourneyPlan.serviceLevelOf(service));
    }
}
