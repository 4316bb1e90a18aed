package io.parcelwatch.report;

import java.util.Locale;

/** How the report writes numbers for people: grouped counts, percentages, hours; a dash where there is no value. */
public final class Figures {
    /** Shown for a rate whose denominator is 0, and for figures a scope does not have. */
    public static final String NONE = "–";

    private Figures() {}

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A share 0..1 as a percentage with {@code decimals} places: 0.9643 → "96.4%". */
    public static String percent(Double share, int decimals) {
        return share == null ? NONE : String.format(Locale.ROOT, "%." + decimals + "f%%", share * 100);
    }

    public static String hours(Double hours) {
        return hours == null ? NONE : String.format(Locale.ROOT, "%.1f h", hours);
    }

    public static String number(Double value, int decimals) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
