package io.parcelwatch.eta;

import java.io.Serializable;

/**
 * Everything delivery-time prediction can be told.
 *
 * @param learning     how step durations are learned (buckets, recent window, update rate, retention)
 * @param priors       what a step takes until enough is learned of it
 * @param bands        time-of-day bands of the steps whose duration depends on when they start
 * @param raiseAt      a PREDICTED_DELAY alert is raised when the probability of missing the promise reaches this
 * @param resolveBelow and resolved when it falls below this (lower, so that an alert does not flap)
 * @param samples      Monte Carlo draws per prediction
 */
public record EtaSettings(LearningSettings learning, EtaPriors priors, TimeOfDayBands bands, double raiseAt, double resolveBelow,
                          int samples) implements Serializable {
    public static final double DEFAULT_RAISE_AT = 0.5;
    public static final double DEFAULT_RESOLVE_BELOW = 0.3;
    public static final int DEFAULT_SAMPLES = 256;

    public EtaSettings {
        if (!(resolveBelow > 0 && resolveBelow <= raiseAt && raiseAt <= 1)) {
            throw new IllegalArgumentException("delay thresholds must satisfy 0 < resolve-below <= raise-at <= 1, got "
                    + resolveBelow + " and " + raiseAt);
        }
        if (samples < 16) {
            throw new IllegalArgumentException("at least 16 samples per prediction, got " + samples);
        }
    }

    public static EtaSettings defaults() {
        return new EtaSettings(LearningSettings.defaults(), EtaPriors.defaults(), TimeOfDayBands.defaults(), DEFAULT_RAISE_AT,
                DEFAULT_RESOLVE_BELOW, DEFAULT_SAMPLES);
    }

    public EtaSettings withThresholds(double raise, double resolve) {
        return new EtaSettings(learning, priors, bands, raise, resolve, samples);
    }

    public DeliveryPredictor predictor() {
        return new DeliveryPredictor(priors, bands, samples);
    }
}
