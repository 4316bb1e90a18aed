package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.tracking.TrackerJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The naive baseline job: the tracker's own source and watermarks ({@link TrackerJob#scanSource},
 * {@link TrackerJob#scanWatermarks}: same topic, consumer group settings, out-of-orderness and
 * idleness), decode, key by parcel, {@link NaiveScanTracker}, discard. It runs with the tracker's Flink
 * configuration, so the two jobs differ only in what happens after the source.
 */
final class BaselineJob {
    static final String KEYED_OPERATOR = "naive parcel state";

    private BaselineJob() {}

    static void build(StreamExecutionEnvironment env, TrackerSettings settings) {
        env.fromSource(TrackerJob.scanSource(settings), TrackerJob.scanWatermarks(settings), "scans from Kafka").uid("baseline-source")
                .flatMap(new BaselineDecoder()).uid("baseline-decoder").name("decode scans")
                .keyBy(BaselineScan::parcelId)
                .process(new NaiveScanTracker()).uid("baseline-state").name(KEYED_OPERATOR)
                .sinkTo(new DiscardingSink<>()).uid("baseline-discard").name("discard");
    }
}
