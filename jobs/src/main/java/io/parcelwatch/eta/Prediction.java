package io.parcelwatch.eta;

/**
 * When a parcel will probably be delivered, as of {@link #computedAt}.
 *
 * @param p10              epoch millis: 10% of outcomes are earlier
 * @param p50              epoch millis: the median of the predicted delivery time, shown as "most likely"
 *                         (the median, not the mode: it is stable from one prediction to the next, and the
 *                         point that minimises the absolute error the score reports)
 * @param p90              epoch millis: 90% of outcomes are earlier
 * @param lateProbability  probability of delivery after the promised time (0 without a promise)
 * @param slowestStep      the step key that is most slower than usual (see {@link DeliveryPredictor}), or null
 *                         when no step is
 * @param computedAt       event time the prediction was made at
 */
public record Prediction(long p10, long p50, long p90, double lateProbability, String slowestStep, long computedAt) {
}
