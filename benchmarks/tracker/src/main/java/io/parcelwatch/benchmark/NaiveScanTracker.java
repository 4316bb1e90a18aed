package io.parcelwatch.benchmark;

import io.parcelwatch.config.StageLimits;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.tracking.Stage;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The naive way to track parcels, the yardstick for the tracker: per scan, one state read and one
 * state write, and one new event-time timer at the scan's time plus its stage limit. Timers are never
 * deleted or shared, so a parcel piles up one per scan; that is the cost the tracker's single,
 * minute-rounded timer per parcel is meant to avoid.
 */
final class NaiveScanTracker extends KeyedProcessFunction<String, BaselineScan, BaselineState> {
    /** For scans that start no stage with a limit (temperature readings, final scans): the longest limit. */
    static final Duration FALLBACK_LIMIT = Duration.ofHours(28);
    static final String STATE = "last-scan";

    private final StageLimits limits = StageLimits.defaults();
    private transient ValueState<BaselineState> last;
    private transient Counter staleTimers;

    @Override
    public void open(OpenContext context) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, TypeInformation.of(BaselineState.class)));
        staleTimers = getRuntimeContext().getMetricGroup().counter("staleTimers");
    }

    @Override
    public void processElement(BaselineScan scan, Context ctx, Collector<BaselineState> out) throws Exception {
        BaselineState previous = last.value();
        BaselineState next = previous == null
                ? new BaselineState(scan.eventTime(), scan.type(), 1)
                : new BaselineState(Math.max(previous.lastEventTime(), scan.eventTime()),
                        scan.eventTime() >= previous.lastEventTime() ? scan.type() : previous.lastType(), previous.scans() + 1);
        last.update(next);
        ctx.timerService().registerEventTimeTimer(scan.eventTime() + limitOf(scan.type()).toMillis());
        out.collect(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BaselineState> out) throws Exception {
        BaselineState state = last.value();
        if (state != null && state.lastEventTime() + limitOf(state.lastType()).toMillis() <= timestamp) {
            staleTimers.inc();
        }
    }

    Duration limitOf(String type) {
        Stage stage = Stage.of(ScanType.valueOf(type), null);
        Duration limit = stage == null ? null : limits.limit(stage, null, null);
        return limit == null ? FALLBACK_LIMIT : limit;
    }
}
