package io.parcelwatch.eta;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/**
 * When something leaves every day, as the predictor waits for it: an outlet's delivery rounds, or a hub's
 * vehicles to one next stop. Each departure is a pair of local times of day: the latest a parcel may be ready to
 * go with it, and when its scan is taken ("leaves"). Learned from the times of day the scans were seen at
 * ({@link StepKind#ROUND_START}, {@link StepKind#DEPARTURE}; {@code StepDurations.timesSeen}): times less than a gap
 * apart are one departure, whose scans span from its first to its last time and which leaves at their middle.
 *
 * <p>A timetable knows the part of the day it has been watched for ({@link StepSummary#watchedMillis()}): an
 * outlet or hub seen only since this morning may still have an evening departure. There a prior timetable fills
 * in, where there is one; where there is not, {@link #leaves} says it does not know.
 */
final class Timetable {
    /** {@link #leaves} when the wait crosses a part of the day not watched yet. */
    static final long UNKNOWN = Long.MIN_VALUE;
    static final long DAY_MILLIS = 24 * 3_600_000L;

    /** {@code [readyBy, leaves, ...]} in millis after local midnight, in order of readyBy. */
    private final int[] pairs;
    private final long watchedFrom;
    private final long watched;

    private Timetable(int[] pairs, long watchedFrom, long watched) {
        this.pairs = pairs;
        this.watchedFrom = watchedFrom;
        this.watched = watched;
    }

    /** A prior timetable ({@code [readyBy, leaves, ...]} pairs, in order), known all day. */
    static Timetable prior(int[] pairs) {
        return new Timetable(pairs, 0, DAY_MILLIS);
    }

    /** Pairs that leave when they are due: each time is both the latest a parcel may be ready and when it leaves. */
    static int[] pairsLeavingAt(int[] times) {
        int[] pairs = new int[2 * times.length];
        for (int k = 0; k < times.length; k++) {
            pairs[2 * k] = times[k];
            pairs[2 * k + 1] = times[k];
        }
        return pairs;
    }

    /** Local times as millis after midnight, in order. */
    static int[] millisOf(List<LocalTime> times) {
        return times.stream().sorted().mapToInt(t -> (int) (t.toNanoOfDay() / 1_000_000)).toArray();
    }

    /**
     * The timetable learned from the quantiles of scan times of day.
     *
     * @param times     the learned times of day (seconds after local midnight, ascending)
     * @param readyByEnd a parcel must be ready by the departure's last scan (a vehicle loading until it leaves), else by
     *                  its first (a courier taking the parcels sorted when the round starts)
     * @param gap       scans at least this far apart are different departures (millis)
     * @param prior     prior pairs for the part of the day not watched (may be empty)
     * @param bands     the local day
     */
    static Timetable learned(StepSummary times, boolean readyByEnd, long gap, int[] prior, TimeOfDayBands bands) {
        int[] seconds = times.quantileSeconds();
        long gapSeconds = gap / 1000;
        int[] out = new int[2 * seconds.length + prior.length];
        int k = 0;
        int start = seconds[0];
        for (int i = 1; i <= seconds.length; i++) {
            if (i == seconds.length || seconds[i] - seconds[i - 1] >= gapSeconds) {
                int end = seconds[i - 1];
                out[k++] = (readyByEnd ? end : start) * 1000;
                out[k++] = (int) ((start + (long) end) * 500); // the middle of its scans
                if (i < seconds.length) {
                    start = seconds[i];
                }
            }
        }
        long watched = times.watchedMillis();
        long watchedFrom = bands.millisIntoDay(times.asOf() - watched);
        if (watched >= DAY_MILLIS || prior.length == 0) {
            return new Timetable(Arrays.copyOf(out, k), watchedFrom, Math.min(watched, DAY_MILLIS));
        }
        int learned = k;
        for (int p = 0; p < prior.length; p += 2) {
            int readyBy = prior[p];
            // A prior departure is seen (to exist or not) once it has been watched from its start until all its scans
            // are in; one close to a learned departure is that departure.
            if (Math.floorMod(readyBy - watchedFrom, DAY_MILLIS) + gap > watched && !near(out, learned, readyBy, gap)) {
                out[k++] = readyBy;
                out[k++] = prior[p + 1];
            }
        }
        return new Timetable(sortedByReadyBy(Arrays.copyOf(out, k)), 0, DAY_MILLIS);
    }

    /**
     * When a parcel ready at {@code readyAt} (epoch millis) leaves: with the first departure it is ready for, today or
     * tomorrow, and not before it is ready. {@link #UNKNOWN} if the timetable is empty, or if the wait for that departure
     * crosses a part of the day not watched yet (an earlier departure may be there).
     */
    long leaves(long readyAt, TimeOfDayBands bands) {
        if (pairs.length == 0) {
            return UNKNOWN;
        }
        long intoDay = bands.millisIntoDay(readyAt);
        long midnight = readyAt - intoDay;
        int k = 0;
        while (k < pairs.length && pairs[k] < intoDay) {
            k += 2;
        }
        long day = 0;
        if (k == pairs.length) {
            k = 0;
            day = DAY_MILLIS;
        }
        if (watched < DAY_MILLIS && Math.floorMod(intoDay - watchedFrom, DAY_MILLIS) + (day + pairs[k] - intoDay) > watched) {
            return UNKNOWN;
        }
        return Math.max(readyAt, midnight + day + pairs[k + 1]);
    }

    /** Whether one of the first {@code length / 2} departures of {@code pairs} is ready by less than {@code gap} from {@code at}, around the clock. */
    private static boolean near(int[] pairs, int length, int at, long gap) {
        for (int i = 0; i < length; i += 2) {
            long apart = Math.floorMod(pairs[i] - (long) at, DAY_MILLIS);
            if (Math.min(apart, DAY_MILLIS - apart) < gap) {
                return true;
            }
        }
        return false;
    }

    /** Sorts pairs by their first element (a handful: insertion sort). */
    private static int[] sortedByReadyBy(int[] pairs) {
        for (int i = 2; i < pairs.length; i += 2) {
            int readyBy = pairs[i];
            int leaves = pairs[i + 1];
            int j = i - 2;
            while (j >= 0 && pairs[j] > readyBy) {
                pairs[j + 2] = pairs[j];
                pairs[j + 3] = pairs[j + 1];
                j -= 2;
            }
            pairs[j + 2] = readyBy;
            pairs[j + 3] = leaves;
        }
        return pairs;
    }
}
