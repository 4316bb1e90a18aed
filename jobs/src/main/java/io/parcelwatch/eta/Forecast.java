package io.parcelwatch.eta;

/**
 * What the status document shows of a parcel's predicted delivery: the current prediction and the ones made
 * when it reached fixed points of its journey (kept for scoring: how good was the prediction at pickup, at the
 * halfway hub, when it went out for delivery). Any of them may be null.
 */
public record Forecast(Prediction current, Prediction atPickup, Prediction atHalfway, Prediction atOutForDelivery) {
    public static final Forecast NONE = new Forecast(null, null, null, null);
}
