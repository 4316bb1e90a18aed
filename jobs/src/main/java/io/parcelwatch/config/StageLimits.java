package io.parcelwatch.config;

import io.parcelwatch.tracking.Stage;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a parcel may stay in a stage without a scan before its tracking is stale: a limit per stage,
 * stricter for cold-chain parcels (fresh food and medicine get priority handling), optionally scaled
 * per service level. A parcel silent for {@code lostFactor} times its limit is presumed lost.
 *
 * <p>The defaults are the load generator's alert limits (its normal maximum per stage plus 4 h of
 * headroom for late uploads and corrected times; see the generator's stage table in the README), so
 * that the normal process never looks stale while injected gaps (at least twice the limit) always do.
 */
public record StageLimits(Map<Stage, Duration> regular, Map<Stage, Duration> coldChain, Map<String, Double> serviceLevelFactor,
                          double lostFactor) implements Serializable {

    public static StageLimits defaults() {
        Map<Stage, Duration> regular = new EnumMap<>(Stage.class);
        Map<Stage, Duration> cold = new EnumMap<>(Stage.class);
        put(regular, cold, Stage.CREATED, 20, 20);
        put(regular, cold, Stage.PICKED_UP, 14, 8);
        put(regular, cold, Stage.AT_HUB, 18, 9);
        put(regular, cold, Stage.IN_TRANSIT, 28, 28);
        put(regular, cold, Stage.AT_OUTLET, 25, 25);
        put(regular, cold, Stage.OUT_FOR_DELIVERY, 11, 11);
        put(regular, cold, Stage.DELIVERY_FAILED, 25, 25);
        // Above the generator's longest injected stale gap (3 x the limit), so a stale parcel that
        // resumes is never called lost.
        return new StageLimits(regular, cold, Map.of(), 4.0);
    }

    private static void put(Map<Stage, Duration> regular, Map<Stage, Duration> cold, Stage stage, int regularHours, int coldHours) {
        regular.put(stage, Duration.ofHours(regularHours));
        cold.put(stage, Duration.ofHours(coldHours));
    }

    /** The stale limit for a parcel in {@code stage}; null for final stages, which cannot go stale. */
    public Duration limit(Stage stage, String serviceLevel, String category) {
        boolean isColdChain = ColdChain.isColdChainCategory(category);
        Duration base = (isColdChain ? coldChain : regular).get(stage);
        if (base == null || stage.isFinal()) {
            return null;
        }
        double factor = serviceLevel == null ? 1.0 : serviceLevelFactor.getOrDefault(serviceLevel, 1.0);
        return factor == 1.0 ? base : Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    public Duration lostAfter(Stage stage, String serviceLevel, String category) {
        Duration limit = limit(stage, serviceLevel, category);
        return limit == null ? null : Duration.ofMillis(Math.round(limit.toMillis() * lostFactor));
    }
}
