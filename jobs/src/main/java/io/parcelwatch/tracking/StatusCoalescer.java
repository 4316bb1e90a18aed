package io.parcelwatch.tracking;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;

/**
 * Coalesces status changes so Elasticsearch sees a parcel's document at most once per flush interval,
 * carrying its latest state, however many scans arrived in between. Keeps the newest change per
 * parcel in memory and emits them all every interval (processing time), before every checkpoint
 * barrier, and at the end of input. It holds no state across checkpoints, so nothing is lost on
 * failure: what was not emitted before a checkpoint is recomputed from the replayed input.
 */
public class StatusCoalescer extends AbstractStreamOperator<ParcelChange>
        implements OneInputStreamOperator<ParcelChange, ParcelChange>, BoundedOneInput, ProcessingTimeCallback {
    private final long flushIntervalMillis;
    private transient Map<String, ParcelChange> pending;

    public StatusCoalescer(long flushIntervalMillis) {
        if (flushIntervalMillis <= 0) {
            throw new IllegalArgumentException("flush interval must be positive, got " + flushIntervalMillis + " ms");
        }
        this.flushIntervalMillis = flushIntervalMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        scheduleNext();
        getMetricGroup().gauge("pendingDocuments", () -> pending.size());
    }

    @Override
    public void processElement(StreamRecord<ParcelChange> element) {
        ParcelChange change = element.getValue();
        pending.merge(change.parcelId(), change, (old, neu) -> neu.seq() >= old.seq() ? neu : old);
    }

    @Override
    public void onProcessingTime(long time) {
        flush();
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
        getProcessingTimeService().registerTimer(now + flushIntervalMillis, this);
    }
}
