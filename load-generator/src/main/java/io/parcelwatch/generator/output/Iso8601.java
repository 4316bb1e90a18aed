package io.parcelwatch.generator.output;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Fast, allocation-light formatting of epoch milliseconds as ISO-8601 UTC with milliseconds
 * ({@code 2026-11-20T08:00:00.000Z}), the time format of every JSON file the generator writes, and
 * lenient parsing (any ISO-8601 instant, with Z or an offset).
 */
public final class Iso8601 {
    private Iso8601() {}

    public static String format(long epochMillis) {
        char[] out = new char[24];
        write(epochMillis, out);
        return new String(out);
    }

    /** Writes the 24 characters into {@code out}. Years 0000-9999 only. */
    public static void write(long epochMillis, char[] out) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = epochMillis - days * 86_400_000L;
        // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        int y = (int) year;
        out[0] = (char) ('0' + y / 1000);
        out[1] = (char) ('0' + y / 100 % 10);
        out[2] = (char) ('0' + y / 10 % 10);
        out[3] = (char) ('0' + y % 10);
        out[4] = '-';
        two(out, 5, month);
        out[7] = '-';
        two(out, 8, day);
        out[10] = 'T';
        int seconds = (int) (millisOfDay / 1000);
        two(out, 11, seconds / 3600);
        out[13] = ':';
        two(out, 14, seconds / 60 % 60);
        out[16] = ':';
        two(out, 17, seconds % 60);
        out[19] = '.';
        int ms = (int) (millisOfDay % 1000);
        out[20] = (char) ('0' + ms / 100);
        out[21] = (char) ('0' + ms / 10 % 10);
        out[22] = (char) ('0' + ms % 10);
        out[23] = 'Z';
    }

    private static void two(char[] out, int at, int v) {
        out[at] = (char) ('0' + v / 10);
        out[at + 1] = (char) ('0' + v % 10);
    }

    /** Parses an ISO-8601 instant (e.g. {@code 2026-11-20T08:00:00Z}, {@code 2026-11-20T16:00:00.5+08:00}). */
    public static long parse(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant: '" + text + "' (expected e.g. 2026-11-20T08:00:00Z)", e);
        }
    }
}
