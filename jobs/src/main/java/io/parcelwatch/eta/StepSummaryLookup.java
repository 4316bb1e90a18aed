package io.parcelwatch.eta;

/**
 * Where the predictor finds learned summaries: a {@link DeliveryModel} snapshot, or the per-parcel operator's
 * broadcast state ({@link ModelBroadcast}) read through a lambda.
 */
@FunctionalInterface
public interface StepSummaryLookup {
    /** The learned summary of this key ({@link StepKey#asString()}), or null if none. */
    StepSummary summary(String key) throws Exception;
}
