package io.parcelwatch.complaints;

import io.parcelwatch.tracking.ValidScan;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the scans' watermark reach the complaint tracker without any of their records: Flink forwards
 * watermarks through an operator whatever it emits. Unioned with the complaints, it keeps complaint
 * deadlines moving with the network's event time while no complaint arrives.
 */
public final class ScanClock implements FlatMapFunction<ValidScan, ValidComplaint> {
    @Override
    public void flatMap(ValidScan scan, Collector<ValidComplaint> out) {
        // nothing: only the watermark passes
    }
}
