package io.parcelwatch.eta;

import java.util.List;

/**
 * The steps a parcel still has to go through, from where it is now. Keys carry no time-of-day band: the
 * predictor picks the band from when each step starts (known for the current step, sampled for the others).
 *
 * @param steps            current step first (if {@link #hasCurrent()}), then the future steps along the plan
 * @param currentStartedAt event time the current step started, or {@link #NOT_STARTED} when the parcel has no
 *                         scan yet (its first step then starts now)
 * @param finished         delivered, returned or lost: nothing remains
 */
public record RemainingJourney(List<StepKey> steps, long currentStartedAt, boolean finished) {
    public static final long NOT_STARTED = Long.MIN_VALUE;
    public static final RemainingJourney FINISHED = new RemainingJourney(List.of(), NOT_STARTED, true);

    public RemainingJourney {
        steps = List.copyOf(steps);
    }

    public boolean hasCurrent() {
        return currentStartedAt != NOT_STARTED && !steps.isEmpty();
    }

    /** How long the parcel has been in its current step at {@code now}; 0 without one. */
    public long elapsedAt(long now) {
        return hasCurrent() ? Math.max(0, now - currentStartedAt) : 0;
    }
}
