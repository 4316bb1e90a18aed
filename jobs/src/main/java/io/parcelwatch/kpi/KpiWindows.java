package io.parcelwatch.kpi;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.kpi.state.KpiCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Hourly and daily KPI windows of one scope (keyed by {@code SCOPE|id}), in event time.
 *
 * <p>Why not Flink's window operator: a retraction belongs to the window of the fact it takes back,
 * not to the time of the scan that caused it, and Flink's windows judge lateness by the record's
 * timestamp; here every fact is placed, and judged late, by its own time. The rest is what the
 * window API would do: a window takes facts until the watermark passes its end plus the allowed
 * lateness, then its state is dropped by an event-time timer; later facts go to {@link #LATE}.
 *
 * <p>Documents are written while a window fills (at most once per write interval, one pending
 * processing-time timer per scope), not only when it closes: dashboards show the current hour, and a
 * late fact rewrites its window's document in place (same id, higher version).
 */
public class KpiWindows extends KeyedProcessFunction<String, ScopedFact, KpiWrite> {
    public static final OutputTag<ScopedFact> LATE = new OutputTag<>("kpi-late-facts", TypeInformation.of(ScopedFact.class));

    private final KpiSettings settings;
    private transient Map<KpiGranularity, MapState<Long, byte[]>> windows;
    private transient ValueState<Long> writeAt;
    private transient AvroCodec<KpiCounts> codec;
    private transient Counter lateFacts;
    private transient Counter documents;

    public KpiWindows(KpiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        windows = new EnumMap<>(KpiGranularity.class);
        for (KpiGranularity g : KpiGranularity.values()) {
            windows.put(g, getRuntimeContext().getMapState(new MapStateDescriptor<>("windows-" + g.fieldValue(),
                    BasicTypeInfo.LONG_TYPE_INFO, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)));
        }
        writeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("write-at", BasicTypeInfo.LONG_TYPE_INFO));
        codec = AvroCodec.of(KpiCounts.class);
        lateFacts = getRuntimeContext().getMetricGroup().counter("kpiLateFacts");
        documents = getRuntimeContext().getMetricGroup().counter("kpiDocuments");
    }

    @Override
    public void processElement(ScopedFact scoped, Context ctx, Collector<KpiWrite> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long lateness = settings.allowedLateness().toMillis();
        boolean counted = false;
        for (KpiGranularity g : KpiGranularity.values()) {
            long start = g.start(scoped.fact().time());
            long closesAt = g.end(start) - 1 + lateness;
            if (closesAt <= watermark) {
                continue;
            }
            MapState<Long, byte[]> state = windows.get(g);
            byte[] stored = state.get(start);
            KpiCounts counts = stored == null ? KpiTally.empty(scoped.regionId()) : codec.decode(stored);
            if (stored == null) {
                ctx.timerService().registerEventTimeTimer(closesAt);
            }
            KpiTally.add(counts, scoped.fact());
            state.put(start, codec.encode(counts));
            counted = true;
        }
        if (!counted) {
            lateFacts.inc();
            ctx.output(LATE, scoped);
            return;
        }
        if (writeAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.writeInterval().toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            writeAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiWrite> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            writeAt.clear();
            for (KpiGranularity g : KpiGranularity.values()) {
                writeChanged(ctx.getCurrentKey(), g, out);
            }
            return;
        }
        // A window closes: write it if it changed since its last write, then forget it.
        long lateness = settings.allowedLateness().toMillis();
        for (KpiGranularity g : KpiGranularity.values()) {
            List<Long> closed = new ArrayList<>();
            for (Long start : windows.get(g).keys()) {
                if (g.end(start) - 1 + lateness <= timestamp) {
                    closed.add(start);
                }
            }
            for (Long start : closed) {
                KpiCounts counts = codec.decode(windows.get(g).get(start));
                if (counts.getDirty()) {
                    out.collect(write(ctx.getCurrentKey(), g, start, counts));
                }
                windows.get(g).remove(start);
            }
        }
        if (windows.get(KpiGranularity.HOUR).isEmpty() && windows.get(KpiGranularity.DAY).isEmpty()) {
            Long pending = writeAt.value();
            if (pending != null) {
                ctx.timerService().deleteProcessingTimeTimer(pending);
            }
            writeAt.clear();
        }
    }

    private void writeChanged(String key, KpiGranularity g, Collector<KpiWrite> out) throws Exception {
        MapState<Long, byte[]> state = windows.get(g);
        List<Map.Entry<Long, KpiCounts>> changed = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : state.entries()) {
            KpiCounts counts = codec.decode(e.getValue());
            if (counts.getDirty()) {
                changed.add(Map.entry(e.getKey(), counts));
            }
        }
        for (Map.Entry<Long, KpiCounts> e : changed) {
            out.collect(write(key, g, e.getKey(), e.getValue()));
            e.getValue().setDirty(false);
            state.put(e.getKey(), codec.encode(e.getValue()));
        }
    }

    /** {@code key} is the scope's, {@code SCOPE|id} ({@link ScopedFact#key()}). */
    private KpiWrite write(String key, KpiGranularity g, long start, KpiCounts counts) {
        String[] scope = key.split("\\|", 2);
        Scope s = Scope.valueOf(scope[0]);
        documents.inc();
        return new KpiWrite(g.index(start), KpiDocument.id(g, s, scope[1], start), counts.getFacts(),
                KpiDocument.render(g, s, scope[1], start, counts, Instant.now()));
    }
}
