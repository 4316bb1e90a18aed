package io.parcelwatch.tracking;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;

/**
 * Coalesces status changes so Elasticsearch sees a parcel's document at most once per flush interval,
 * carrying its latest state, however many scans arrived in between. Keeps the newest change per
 * parcel in memory and emits them all every interval (processing time; the interval stretches while
 * the job catches up or Elasticsearch cannot keep up, see {@link FlushPacing}), when too many parcels are pending, before
 * every checkpoint barrier, and at the end of input. It holds no state across checkpoints, so nothing
 * is lost on failure: what was not emitted before a checkpoint is recomputed from the replayed input.
 */
public class StatusCoalescer extends AbstractStreamOperator<ParcelChange>
        implements OneInputStreamOperator<ParcelChange, ParcelChange>, BoundedOneInput, ProcessingTimeCallback {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusCoalescer.class);
    /** Pending parcels that force a flush before the interval is up: bounds the heap the coalescer uses (a change is ~1-2 KB). */
    public static final int DEFAULT_MAX_PENDING = 100_000;

    private final long flushIntervalMillis;
    private final long maxFlushIntervalMillis;
    private final int maxPending;
    private transient Map<String, ParcelChange> pending;
    private transient FlushPacing pacing;
    private transient long watermark;
    private transient long lastFlushWatermark;
    private transient long lastFlushWallMillis;

    /** A fixed interval. */
    public StatusCoalescer(long flushIntervalMillis) {
        this(flushIntervalMillis, flushIntervalMillis, DEFAULT_MAX_PENDING);
    }

    /**
     * @param flushIntervalMillis    the interval while the sink keeps up
     * @param maxFlushIntervalMillis how far it may stretch while the sink is behind (flushes at
     *                               checkpoint barriers bound it anyway)
     * @param maxPending             pending parcels that trigger a flush at once
     */
    public StatusCoalescer(long flushIntervalMillis, long maxFlushIntervalMillis, int maxPending) {
        if (flushIntervalMillis <= 0 || maxFlushIntervalMillis < flushIntervalMillis || maxPending <= 0) {
            throw new IllegalArgumentException("flush interval must be positive and at most the maximum, and max pending positive; got "
                    + flushIntervalMillis + " ms, " + maxFlushIntervalMillis + " ms, " + maxPending);
        }
        this.flushIntervalMillis = flushIntervalMillis;
        this.maxFlushIntervalMillis = maxFlushIntervalMillis;
        this.maxPending = maxPending;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        pacing = new FlushPacing(flushIntervalMillis, maxFlushIntervalMillis);
        watermark = Long.MIN_VALUE;
        lastFlushWatermark = Long.MIN_VALUE;
        lastFlushWallMillis = getProcessingTimeService().getCurrentProcessingTime();
        scheduleNext();
        getMetricGroup().gauge("pendingDocuments", () -> pending.size());
        getMetricGroup().gauge("flushIntervalMs", () -> pacing.currentMillis());
    }

    @Override
    public void processElement(StreamRecord<ParcelChange> element) {
        ParcelChange change = element.getValue();
        pending.merge(change.parcelId(), change, (old, neu) -> neu.seq() >= old.seq() ? neu : old);
        if (pending.size() >= maxPending) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        watermark = mark.getTimestamp();
    }

    @Override
    public void onProcessingTime(long time) {
        boolean wasStretched = pacing.stretched();
        long started = System.nanoTime();
        flush();
        long blockedMillis = (System.nanoTime() - started) / 1_000_000;
        double speed = 0;
        if (lastFlushWatermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE && time > lastFlushWallMillis) {
            speed = (double) (watermark - lastFlushWatermark) / (time - lastFlushWallMillis);
        }
        lastFlushWatermark = watermark;
        lastFlushWallMillis = time;
        long interval = pacing.afterFlush(blockedMillis, speed);
        if (pacing.stretched() != wasStretched) {
            LOG.info(pacing.stretched()
                    ? "Catching up (event time {}x the clock) or Elasticsearch behind (flush blocked {} ms): status writes now "
                            + "gathered for up to {} ms per parcel, fewer and fuller"
                    : "Live again (event time {}x the clock, flush blocked {} ms): status writes every {} ms",
                    Math.round(speed), blockedMillis, interval);
        }
        scheduleNext();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        for (ParcelChange change : pending.values()) {
            output.collect(new StreamRecord<>(change));
        }
        pending.clear();
    }

    private void scheduleNext() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + pacing.currentMillis(), this);
    }
}
