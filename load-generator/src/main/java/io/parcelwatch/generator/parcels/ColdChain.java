package io.parcelwatch.generator.parcels;

import static io.parcelwatch.generator.network.ChinaTime.MINUTE;

import io.parcelwatch.schema.ParcelCategory;

/**
 * Cold-chain standards, in one place: the allowed temperature range per category, how long a reading
 * may be outside it before it counts as an excursion, and how often loggers report while in transit.
 */
public final class ColdChain {
    /** FRESH goods: 0-8 °C. */
    public static final double FRESH_MIN = 0.0;
    public static final double FRESH_MAX = 8.0;
    /** MEDICINE: 2-8 °C. */
    public static final double MEDICINE_MIN = 2.0;
    public static final double MEDICINE_MAX = 8.0;
    /** Outside the range for longer than this is an excursion. */
    public static final long EXCURSION_TOLERANCE = 30 * MINUTE;
    /** Loggers send a TEMPERATURE scan this often (simulated time) from pickup until delivery. */
    public static final long READING_INTERVAL = 30 * MINUTE;
    /** Injected excursions span this many readings outside the range (so 2-4 h, well over the tolerance). */
    public static final int EXCURSION_MIN_READINGS = 4;
    public static final int EXCURSION_MAX_READINGS = 8;

    private ColdChain() {}

    public static boolean isColdChain(ParcelCategory category) {
        return category == ParcelCategory.FRESH || category == ParcelCategory.MEDICINE;
    }

    public static double min(ParcelCategory category) {
        return category == ParcelCategory.MEDICINE ? MEDICINE_MIN : FRESH_MIN;
    }

    public static double max(ParcelCategory category) {
        return category == ParcelCategory.MEDICINE ? MEDICINE_MAX : FRESH_MAX;
    }

    public static boolean inRange(ParcelCategory category, double celsius) {
        return celsius >= min(category) && celsius <= max(category);
    }
}
