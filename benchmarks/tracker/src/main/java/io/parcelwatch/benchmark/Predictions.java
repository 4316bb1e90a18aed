package io.parcelwatch.benchmark;

import io.parcelwatch.eta.DeliveryForecaster;
import java.util.List;

/**
 * The delivery forecaster's count of predictions and the CPU time they took in the job, summed over subtasks: what a
 * prediction costs where it runs, beside the parcel documents it was made for.
 *
 * @param count predictions made
 * @param cpuNanos CPU time spent in them (0 where the job could not read it)
 */
record Predictions(long count, long cpuNanos) {
    static final Predictions NONE = new Predictions(0, 0);

    /** Reads the forecaster's counters in {@code vertex} (the vertex of the parcels sink, which the forecaster is chained to). */
    static Predictions read(BenchJob job, FlinkRest.Vertex vertex) throws Exception {
        long[] values = job.operatorCounters(vertex, DeliveryForecaster.METRIC_PREDICTIONS,
                List.of(DeliveryForecaster.METRIC_PREDICTIONS, DeliveryForecaster.METRIC_PREDICTION_CPU_NANOS));
        return new Predictions(values[0], values[1]);
    }

    double microsEach() {
        return count == 0 ? Double.NaN : cpuNanos / 1000.0 / count;
    }

    double perDocument(long documents) {
        return documents == 0 ? Double.NaN : count / (double) documents;
    }
}
