package io.parcelwatch.generator.parcels;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static io.parcelwatch.generator.network.ChinaTime.at;

import io.parcelwatch.generator.network.ChinaTime;
import io.parcelwatch.generator.random.Rng;
import io.parcelwatch.schema.ServiceLevel;

/**
 * Which service levels are sold for a route and what they promise. Promised times are 22:00 local on
 * the promised day.
 * <ul>
 * <li>SAME_DAY: same-hub routes, announced 08:00-11:00; promised the same day.</li>
 * <li>NEXT_DAY: routes through at most two hubs; cut-off 18:00 (one hub) or 15:00 (two hubs), later
 *     parcels count from the next day.</li>
 * <li>STANDARD: 2 days (up to two hubs), 3 days (three hubs), 4 days (four hubs or a rural destination
 *     beyond two hubs); cut-off 18:00.</li>
 * </ul>
 */
public final class Promises {
    public static final long PROMISE_TIME_OF_DAY = at(22, 0);
    static final long CUTOFF = at(18, 0);
    static final long NEXT_DAY_TWO_HUB_CUTOFF = at(15, 0);

    private Promises() {}

    public static ServiceLevel chooseLevel(Rng rng, int hubs, long createdAt, boolean coldChain) {
        double u = rng.nextDouble();
        long tod = ChinaTime.timeOfDay(createdAt);
        if (hubs == 1) {
            boolean sameDayOpen = tod >= ProcessModel.SAME_DAY_OPENS && tod < ProcessModel.SAME_DAY_CLOSES;
            if (sameDayOpen && u < (coldChain ? 0.40 : 0.30)) {
                return ServiceLevel.SAME_DAY;
            }
            return u < (coldChain ? 0.95 : 0.70) ? ServiceLevel.NEXT_DAY : ServiceLevel.STANDARD;
        }
        if (hubs == 2) {
            return u < (coldChain ? 0.85 : 0.45) ? ServiceLevel.NEXT_DAY : ServiceLevel.STANDARD;
        }
        return ServiceLevel.STANDARD;
    }

    public static long promise(ServiceLevel level, int hubs, boolean ruralDestination, long createdAt) {
        long day = ChinaTime.startOfDay(createdAt);
        long tod = createdAt - day;
        return switch (level) {
            case SAME_DAY -> day + PROMISE_TIME_OF_DAY;
            case NEXT_DAY -> {
                long cutoff = hubs == 1 ? CUTOFF : NEXT_DAY_TWO_HUB_CUTOFF;
                long intake = tod < cutoff ? day : day + DAY;
                yield intake + DAY + PROMISE_TIME_OF_DAY;
            }
            default -> {
                long intake = tod < CUTOFF ? day : day + DAY;
                int days = hubs <= 2 ? 2 : hubs == 3 ? 3 : 4;
                if (ruralDestination && hubs > 2) {
                    days = 4;
                }
                yield intake + days * DAY + PROMISE_TIME_OF_DAY;
            }
        };
    }
}
