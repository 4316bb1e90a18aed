package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Duration;

/**
 * When couriers pick parcels up, for the pickup of a parcel announced at an outlet whose pickups are not yet learned.
 * One distribution for every hour (the kind's prior, 2 h / 12 h) is right for neither case: a parcel announced in the
 * early afternoon went out within two hours, and the 12 h tail of the prior made a next-day promise look missed (in a
 * demo stream starting at 13:23 China time, 210 false PREDICTED_DELAY alerts in its first hour and a half, all on
 * parcels only announced).
 *
 * @param opens       pickups start at this local time
 * @param cutoff      a parcel announced from this local time on (or before {@code opens}) waits for the next opening
 * @param sameDay     the pickup of a parcel announced between {@code opens} and {@code cutoff}
 * @param nextMorning the pickup of a waiting parcel, counted from the opening
 */
public record PickupHours(Duration opens, Duration cutoff, StepPrior sameDay, StepPrior nextMorning) implements Serializable {
    private static final long DAY = Duration.ofDays(1).toMillis();

    public PickupHours {
        if (opens.isNegative() || cutoff.compareTo(opens) <= 0 || cutoff.toMillis() > DAY) {
            throw new IllegalArgumentException("pickup hours: need 0 <= opens < cutoff <= 24 h, got " + opens + ", " + cutoff);
        }
    }

    /**
     * Read off the load generator's {@code ProcessModel}: opening at 08:00, announcements from 18:00 wait for the next
     * morning; the same day log-normal 1.5 h (sigma 0.6: p90 3.2 h), the next morning 0.75 h after opening (sigma 0.5:
     * p90 1.4 h).
     */
    public static PickupHours defaults() {
        return new PickupHours(Duration.ofHours(8), Duration.ofHours(18), StepPrior.ofHours(1.5, 3.2), StepPrior.ofHours(0.75, 1.4));
    }

    /** The pickup of a parcel announced this long after the local midnight. */
    public StepPrior announcedAt(long millisIntoDay) {
        if (millisIntoDay >= opens.toMillis() && millisIntoDay < cutoff.toMillis()) {
            return sameDay;
        }
        long wait = Math.floorMod(opens.toMillis() - millisIntoDay, DAY);
        return new StepPrior(nextMorning.median().plusMillis(wait), nextMorning.p90().plusMillis(wait));
    }
}
