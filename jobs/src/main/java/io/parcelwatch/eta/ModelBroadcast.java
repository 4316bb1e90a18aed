package io.parcelwatch.eta;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * How the per-parcel operator receives the learned model: {@link ModelUpdate}s broadcast to every instance
 * and kept in broadcast state, step key → {@link StepSummary}. Broadcast state is checkpointed with the
 * operator, so a restored job predicts with what it had learned.
 */
public final class ModelBroadcast {
    /** State name is part of savepoints: do not rename. */
    public static final MapStateDescriptor<String, StepSummary> MODEL =
            new MapStateDescriptor<>("eta-model", Types.STRING, TypeInformation.of(StepSummary.class));

    private ModelBroadcast() {}

    /** Applies an update: a removal forgets the key, an older summary than the one held is ignored. */
    public static void apply(BroadcastState<String, StepSummary> model, ModelUpdate update) throws Exception {
        if (update.isRemoval()) {
            StepSummary held = model.get(update.key());
            if (held != null && held.asOf() <= update.asOf()) {
                model.remove(update.key());
            }
            return;
        }
        StepSummary held = model.get(update.key());
        if (held == null || held.asOf() <= update.asOf()) {
            model.put(update.key(), update.summary());
        }
    }

    /** The broadcast state as the predictor reads it. */
    public static StepSummaryLookup lookup(ReadOnlyBroadcastState<String, StepSummary> model) {
        return model::get;
    }
}
