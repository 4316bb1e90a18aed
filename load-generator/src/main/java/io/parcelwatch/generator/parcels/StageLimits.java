package io.parcelwatch.generator.parcels;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one table of how long each stage may take: the <b>normal maximum</b> (the generator's normal
 * process never exceeds it: every duration is truncated and every schedule wait bounded below it),
 * the <b>limit</b> a tracker should alert at (normal maximum plus {@link #HEADROOM}, which absorbs
 * late uploads of up to 3 h and corrected scan times of up to 1 h), and the <b>shortest injected
 * stale gap</b> (twice the limit). Cold-chain parcels (FRESH, MEDICINE) get priority handling and so
 * tighter limits in some stages.
 *
 * <p>The stage is the one started by the parcel's last progress scan (see {@link Stage}); TEMPERATURE
 * scans do not count (during an injected stale gap they stop too, so counting them changes nothing).
 * The ParcelWatch tracker copies its default limits from this table; README.md prints it.
 */
public final class StageLimits {
    /** Added to a stage's normal maximum to get the alert limit. */
    public static final long HEADROOM = 4 * HOUR;
    /** Injected stale gaps are at least this many times the stage's limit (at most {@link #STALE_GAP_MAX_FACTOR}). */
    public static final double STALE_GAP_MIN_FACTOR = 2.0;
    public static final double STALE_GAP_MAX_FACTOR = 3.0;
    /** A parcel silent for this many times its stage's limit is presumed lost (the tracker's default too). */
    public static final double LOST_FACTOR = 4.0;

    private static final Map<Stage, long[]> NORMAL_MAX = new EnumMap<>(Stage.class);

    static {
        // stage -> {regular, cold chain} normal maximum
        NORMAL_MAX.put(Stage.AWAITING_PICKUP, new long[] {16 * HOUR, 16 * HOUR});
        NORMAL_MAX.put(Stage.TO_ORIGIN_HUB, new long[] {10 * HOUR, 4 * HOUR});
        NORMAL_MAX.put(Stage.AT_HUB, new long[] {14 * HOUR, 5 * HOUR});
        NORMAL_MAX.put(Stage.IN_TRANSIT, new long[] {24 * HOUR, 24 * HOUR});
        NORMAL_MAX.put(Stage.AT_OUTLET, new long[] {21 * HOUR, 21 * HOUR});
        NORMAL_MAX.put(Stage.OUT_FOR_DELIVERY, new long[] {7 * HOUR, 7 * HOUR});
        NORMAL_MAX.put(Stage.DELIVERY_RETRY, new long[] {21 * HOUR, 21 * HOUR});
        NORMAL_MAX.put(Stage.EXCEPTION, new long[] {14 * HOUR, 7 * HOUR});
    }

    private StageLimits() {}

    /** Longest time the normal process spends in the stage (milliseconds). */
    public static long normalMax(Stage stage, boolean coldChain) {
        return NORMAL_MAX.get(stage)[coldChain ? 1 : 0];
    }

    /** Time without a progress scan after which a tracker should flag stale tracking (milliseconds). */
    public static long limit(Stage stage, boolean coldChain) {
        return normalMax(stage, coldChain) + HEADROOM;
    }

    /** Time without a progress scan after which a parcel is presumed lost (milliseconds). */
    public static long lostAfter(Stage stage, boolean coldChain) {
        return (long) (LOST_FACTOR * limit(stage, coldChain));
    }

    /** Shortest stale gap the generator injects in this stage (milliseconds). */
    public static long minStaleGap(Stage stage, boolean coldChain) {
        return (long) (STALE_GAP_MIN_FACTOR * limit(stage, coldChain));
    }

    /** The table as text (Markdown), for the README and {@code describe-network}. */
    public static String table() {
        StringBuilder out = new StringBuilder();
        out.append("| Stage | Starts with scan | Normal max (regular / cold chain) | Alert limit (regular / cold chain) | Injected stale gap at least |\n");
        out.append("|---|---|---|---|---|\n");
        for (Stage stage : Stage.values()) {
            out.append("| ").append(stage).append(" | ").append(stage.after())
                    .append(" | ").append(hours(normalMax(stage, false))).append(" / ").append(hours(normalMax(stage, true)))
                    .append(" | ").append(hours(limit(stage, false))).append(" / ").append(hours(limit(stage, true)))
                    .append(" | ").append(hours(minStaleGap(stage, false))).append(" / ").append(hours(minStaleGap(stage, true)))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String hours(long millis) {
        double h = millis / (double) HOUR;
        return (h == Math.rint(h) ? Long.toString((long) h) : Double.toString(h)) + " h";
    }
}
