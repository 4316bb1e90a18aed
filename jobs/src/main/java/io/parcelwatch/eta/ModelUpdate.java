package io.parcelwatch.eta;

/**
 * What the learner tells the per-parcel operators about one step key: its new summary, or that it is forgotten.
 * Flat (a string, an int array and primitives) so that Flink serializes it as a POJO without Kryo.
 *
 * @param key             {@link StepKey#asString()}
 * @param quantileSeconds the summary's quantiles ({@link StepSummary#LEVELS}); empty for a removal
 * @param typicalSeconds  the summary's typical duration
 * @param count           observations behind the quantiles; 0 for a removal
 * @param asOf            event time of the update
 */
public record ModelUpdate(String key, int[] quantileSeconds, int typicalSeconds, long count, long asOf) {
    private static final int[] NONE = new int[0];

    public static ModelUpdate of(String key, StepSummary summary) {
        return new ModelUpdate(key, summary.quantileSeconds(), summary.typicalSeconds(), summary.count(), summary.asOf());
    }

    /** The key was forgotten (no observation for the retention): its prior applies again. */
    public static ModelUpdate removal(String key, long asOf) {
        return new ModelUpdate(key, NONE, 0, 0, asOf);
    }

    public boolean isRemoval() {
        return quantileSeconds.length == 0;
    }

    public StepSummary summary() {
        return isRemoval() ? null : new StepSummary(quantileSeconds, typicalSeconds, count, asOf);
    }
}
