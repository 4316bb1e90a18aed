package io.parcelwatch.generator.network;

/**
 * Local time of the network: China Standard Time, UTC+8 all year (no daylight saving). Time-of-day
 * effects (pickup hours, line-haul waves, delivery rounds) follow it; all timestamps stay UTC.
 */
public final class ChinaTime {
    public static final long SECOND = 1000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    public static final long OFFSET = 8 * HOUR;

    private ChinaTime() {}

    /** Milliseconds since local midnight. */
    public static long timeOfDay(long utcMillis) {
        return Math.floorMod(utcMillis + OFFSET, DAY);
    }

    public static int hourOfDay(long utcMillis) {
        return (int) (timeOfDay(utcMillis) / HOUR);
    }

    /** 0 = Monday ... 6 = Sunday. */
    public static int dayOfWeek(long utcMillis) {
        long days = Math.floorDiv(utcMillis + OFFSET, DAY);
        // 1970-01-01 was a Thursday (index 3)
        return (int) Math.floorMod(days + 3, 7);
    }

    /** UTC millis of the local midnight starting the day that contains {@code utcMillis}. */
    public static long startOfDay(long utcMillis) {
        return utcMillis - timeOfDay(utcMillis);
    }

    /**
     * The first slot at or after {@code utcMillis}, where slots are the given local times of day
     * (milliseconds after midnight, ascending), repeating daily.
     */
    public static long nextSlot(long utcMillis, long[] slotsOfDay) {
        long day = startOfDay(utcMillis);
        long tod = utcMillis - day;
        for (long slot : slotsOfDay) {
            if (slot >= tod) {
                return day + slot;
            }
        }
        return day + DAY + slotsOfDay[0];
    }

    /** Local time of day as milliseconds, from hours and minutes. */
    public static long at(int hour, int minute) {
        return hour * HOUR + minute * MINUTE;
    }
}
