package io.parcelwatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Temperature ranges of the cold-chain categories and how long a parcel may stay outside its range
 * before it is an excursion (a single warm reading at a door opening is not).
 */
public record ColdChain(double freshMinC, double freshMaxC, double medicineMinC, double medicineMaxC, Duration tolerance)
        implements Serializable {

    public static ColdChain defaults() {
        return new ColdChain(0.0, 8.0, 2.0, 8.0, Duration.ofMinutes(30));
    }

    public boolean isColdChain(String category) {
        return isColdChainCategory(category);
    }

    /** Fresh food and medicine travel refrigerated, on their own vehicles and schedules. */
    public static boolean isColdChainCategory(String category) {
        return "FRESH".equals(category) || "MEDICINE".equals(category);
    }

    /** True if {@code celsius} is outside the range of {@code category}; false for other categories. */
    public boolean outOfRange(String category, double celsius) {
        return switch (category == null ? "" : category) {
            case "FRESH" -> celsius < freshMinC || celsius > freshMaxC;
            case "MEDICINE" -> celsius < medicineMinC || celsius > medicineMaxC;
            default -> false;
        };
    }
}
