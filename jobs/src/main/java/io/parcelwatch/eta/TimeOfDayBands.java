package io.parcelwatch.eta;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Cuts the local day into bands of equal length, so that steps whose duration depends on the hour they
 * start (see {@link StepKind#timeOfDayMatters()}) are learned per band. In the load generator a parcel that
 * reaches its outlet at 18:00 waits for the next morning's round (about 16 h to delivery), one that arrives
 * at 12:30 goes out at 13:30 (about 3 h): one distribution for both would be wide and right for neither.
 *
 * @param zone      the network's local time (China: UTC+8 all year)
 * @param bandHours hours per band, dividing 24; 24 turns banding off
 */
public record TimeOfDayBands(ZoneId zone, int bandHours) implements Serializable {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    public TimeOfDayBands {
        if (bandHours <= 0 || 24 % bandHours != 0) {
            throw new IllegalArgumentException("bandHours must divide 24: " + bandHours);
        }
    }

    /** Three-hour bands in China Standard Time: eight per day. */
    public static TimeOfDayBands defaults() {
        return new TimeOfDayBands(ZoneOffset.ofHours(8), 3);
    }

    /** One band for the whole day: no time-of-day keys. */
    public static TimeOfDayBands off() {
        return new TimeOfDayBands(ZoneOffset.UTC, 24);
    }

    public boolean enabled() {
        return bandHours < 24;
    }

    public int count() {
        return 24 / bandHours;
    }

    /** The band a step starting at this instant (epoch millis) belongs to, 0 ... count() - 1. */
    public int bandOf(long epochMillis) {
        // in days as a double (exact to well under a millisecond for any date this century): the predictor calls
        // this for every draw of every step, and two 64-bit divisions cost more than the rest of the draw
        double days = (epochMillis + offsetMillis(epochMillis)) * (1.0 / DAY);
        int band = (int) ((days - Math.floor(days)) * (24 / bandHours));
        return Math.min(band, 24 / bandHours - 1);
    }

    /** Millis since the local midnight before this instant. */
    public long millisIntoDay(long epochMillis) {
        return Math.floorMod(epochMillis + offsetMillis(epochMillis), DAY);
    }

    private long offsetMillis(long epochMillis) {
        return zone instanceof ZoneOffset fixed ? fixed.getTotalSeconds() * 1000L
                : zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    }
}
