package io.parcelwatch.config;

import io.parcelwatch.tracking.Stage;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a parcel may stay in a stage without a scan before its tracking is stale: a base limit per
 * stage, scaled by service level (faster products are expected to move faster) and by category (fresh
 * food and medicine have stricter standards). A parcel silent for {@code lostFactor} times its limit
 * is presumed lost.
 */
public record StageLimits(Map<Stage, Duration> base, Map<String, Double> serviceLevelFactor,
                          Map<String, Double> categoryFactor, double lostFactor) implements Serializable {

    /** Defaults sized for the generator's network: well above normal stage durations plus upload delays. */
    public static StageLimits defaults() {
        Map<Stage, Duration> base = new EnumMap<>(Stage.class);
        base.put(Stage.CREATED, Duration.ofHours(36));
        base.put(Stage.PICKED_UP, Duration.ofHours(12));
        base.put(Stage.AT_HUB, Duration.ofHours(12));
        base.put(Stage.IN_TRANSIT, Duration.ofHours(30));
        base.put(Stage.AT_OUTLET, Duration.ofHours(18));
        base.put(Stage.OUT_FOR_DELIVERY, Duration.ofHours(12));
        base.put(Stage.DELIVERY_FAILED, Duration.ofHours(30));
        return new StageLimits(base,
                Map.of("SAME_DAY", 0.5, "NEXT_DAY", 1.0, "STANDARD", 1.5),
                Map.of("REGULAR", 1.0, "FRESH", 0.5, "MEDICINE", 0.5),
                4.0);
    }

    /** The stale limit for a parcel in {@code stage}; null for final stages, which cannot go stale. */
    public Duration limit(Stage stage, String serviceLevel, String category) {
        Duration stageBase = base.get(stage);
        if (stageBase == null || stage.isFinal()) {
            return null;
        }
        double factor = (serviceLevel == null ? 1.0 : serviceLevelFactor.getOrDefault(serviceLevel, 1.0))
                * (category == null ? 1.0 : categoryFactor.getOrDefault(category, 1.0));
        return Duration.ofMillis(Math.round(stageBase.toMillis() * factor));
    }

    public Duration lostAfter(Stage stage, String serviceLevel, String category) {
        Duration limit = limit(stage, serviceLevel, category);
        return limit == null ? null : Duration.ofMillis(Math.round(limit.toMillis() * lostFactor));
    }
}
