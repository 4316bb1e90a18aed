package io.parcelwatch.eta;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable snapshot of what has been learned: a summary per step key and the event time of the newest
 * update. Updates replace a key's summary only if they are not older than it, so applying the same updates in
 * any order, or merging two snapshots, gives the same model.
 */
public final class DeliveryModel implements StepSummaryLookup, Serializable {
    public static final DeliveryModel EMPTY = new DeliveryModel(Map.of(), Long.MIN_VALUE);

    private final Map<String, StepSummary> summaries;
    private final long asOf;

    private DeliveryModel(Map<String, StepSummary> summaries, long asOf) {
        this.summaries = summaries;
        this.asOf = asOf;
    }

    public static DeliveryModel of(Map<String, StepSummary> summaries) {
        long asOf = Long.MIN_VALUE;
        for (StepSummary s : summaries.values()) {
            asOf = Math.max(asOf, s.asOf());
        }
        return new DeliveryModel(Map.copyOf(summaries), asOf);
    }

    @Override
    public StepSummary summary(String key) {
        return summaries.get(key);
    }

    public int size() {
        return summaries.size();
    }

    /** Event time of the newest update applied, Long.MIN_VALUE for the empty model. */
    public long asOf() {
        return asOf;
    }

    /** This model with one update applied (a removal forgets the key). */
    public DeliveryModel with(ModelUpdate update) {
        StepSummary current = summaries.get(update.key());
        if (current != null && current.asOf() > update.asOf()) {
            return this;
        }
        Map<String, StepSummary> next = new HashMap<>(summaries);
        if (update.isRemoval()) {
            next.remove(update.key());
        } else {
            next.put(update.key(), update.summary());
        }
        return new DeliveryModel(Map.copyOf(next), Math.max(asOf, update.asOf()));
    }

    /** Both models' keys; where both know a key, the newer summary. */
    public DeliveryModel merge(DeliveryModel other) {
        Map<String, StepSummary> next = new HashMap<>(summaries);
        other.summaries.forEach((key, theirs) -> next.merge(key, theirs, (a, b) -> b.asOf() > a.asOf() ? b : a));
        return new DeliveryModel(Map.copyOf(next), Math.max(asOf, other.asOf));
    }
}
