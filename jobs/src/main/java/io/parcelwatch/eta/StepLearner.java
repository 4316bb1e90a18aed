package io.parcelwatch.eta;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Learns step durations, keyed by {@link StepKey#asString()}: every {@link StepObservation} goes into the key's
 * {@link StepDurations}, and the key's summary is sent on as a {@link ModelUpdate} at most once per
 * {@link LearningSettings#emitInterval()} of event time, for the per-parcel operators to receive as broadcast
 * state ({@link ModelBroadcast}).
 *
 * <p>State per key is one byte array (a format byte, the bookkeeping below, then the ring): one RocksDB read and
 * write per observation, and a format that can grow fields without a state migration. One event-time timer per key
 * at a time, always on a multiple of the emit interval so that keys share timestamps: the next emission while
 * observations are waiting to be sent, otherwise the end of the retention, when a key that saw nothing for
 * {@link LearningSettings#retention()} is cleared and a removal sent, so that state is bounded by the keys of the
 * recent past. Nothing is re-sent while a key is quiet: its recent window reaches back to its newest observations
 * (see {@link StepDurations}), so its summary only changes when something new is observed.
 */
public class StepLearner extends KeyedProcessFunction<String, StepObservation, ModelUpdate> {
    /** State name is part of savepoints: do not rename. */
    public static final String STATE_NAME = "step-durations";
    static final long NONE = Long.MIN_VALUE;
    private static final byte FORMAT = 1;
    /** Bytes before the ring: the format, three times and the flags. */
    private static final int HEADER = 1 + 3 * Long.BYTES + 1;

    private final LearningSettings settings;
    private transient long interval;
    private transient ValueState<byte[]> state;
    private transient Counter observations;
    private transient Counter tooLate;
    private transient Counter updates;
    private transient Counter expired;

    public StepLearner(LearningSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        interval = settings.emitInterval().toMillis();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        var metrics = getRuntimeContext().getMetricGroup();
        observations = metrics.counter("stepObservations");
        tooLate = metrics.counter("stepObservationsTooLate");
        updates = metrics.counter("stepModelUpdates");
        expired = metrics.counter("stepKeysExpired");
    }

    @Override
    public void processElement(StepObservation observation, Context ctx, Collector<ModelUpdate> out) throws Exception {
        Learned learned = load();
        if (!learned.ring.add(observation.endTime(), observation.durationMillis())) {
            tooLate.inc();
            return;
        }
        observations.inc();
        long eventTime = Math.max(observation.endTime(), ctx.timestamp() == null ? NONE : ctx.timestamp());
        learned.lastSeen = Math.max(learned.lastSeen, eventTime);
        learned.dirty = true;
        long watermark = ctx.timerService().currentWatermark();
        long emitAt = Math.max(nextBoundary(Math.max(eventTime, watermark)),
                learned.lastEmitAt == NONE ? NONE : learned.lastEmitAt + interval);
        if (learned.timer == NONE || learned.timer > emitAt) {
            if (learned.timer != NONE) {
                ctx.timerService().deleteEventTimeTimer(learned.timer);
            }
            learned.timer = emitAt;
            ctx.timerService().registerEventTimeTimer(emitAt);
        }
        state.update(learned.toBytes());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out) throws Exception {
        byte[] bytes = state.value();
        if (bytes == null) {
            return;
        }
        Learned learned = Learned.fromBytes(bytes, settings);
        if (learned.timer != timestamp) {
            return; // replaced by an earlier timer that was deleted too late: ignore
        }
        learned.timer = NONE;
        String key = ctx.getCurrentKey();
        learned.ring.expire(timestamp);
        if (timestamp >= learned.lastSeen + settings.retention().toMillis() || learned.ring.isEmpty()) {
            state.clear();
            out.collect(ModelUpdate.removal(key, timestamp));
            expired.inc();
            return;
        }
        StepKind kind = StepKey.parse(key).kind();
        if (learned.dirty) {
            out.collect(ModelUpdate.of(key, kind.isDuration() ? learned.ring.summary(timestamp, settings.recentBucketsOf(kind))
                    : learned.ring.timesOfDay(timestamp)));
            updates.inc();
            learned.dirty = false;
            learned.lastEmitAt = timestamp;
        }
        learned.timer = nextBoundary(learned.lastSeen + settings.retention().toMillis() - 1);
        ctx.timerService().registerEventTimeTimer(learned.timer);
        state.update(learned.toBytes());
    }

    /** The first multiple of the emit interval after {@code time}. */
    private long nextBoundary(long time) {
        if (time >= Long.MAX_VALUE - interval) {
            return Long.MAX_VALUE;
        }
        return Math.floorDiv(time, interval) * interval + interval;
    }

    private Learned load() throws IOException {
        byte[] bytes = state.value();
        return bytes == null ? new Learned(StepDurations.empty(settings)) : Learned.fromBytes(bytes, settings);
    }

    /** One key's state: bookkeeping and the ring. */
    static final class Learned {
        final StepDurations ring;
        long lastSeen = NONE;
        long timer = NONE;
        long lastEmitAt = NONE;
        boolean dirty;

        Learned(StepDurations ring) {
            this.ring = ring;
        }

        byte[] toBytes() {
            ByteBuffer out = ByteBuffer.allocate(HEADER + ring.encodedLength());
            out.put(FORMAT);
            out.putLong(lastSeen);
            out.putLong(timer);
            out.putLong(lastEmitAt);
            out.put((byte) (dirty ? 1 : 0)); // flags: room for more
            ring.writeTo(out);
            return out.array();
        }

        static Learned fromBytes(byte[] bytes, LearningSettings settings) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            try {
                byte format = in.get();
                if (format != FORMAT) {
                    throw new IOException("unknown step learner state format " + format);
                }
                long lastSeen = in.getLong();
                long timer = in.getLong();
                long lastEmitAt = in.getLong();
                int flags = in.get();
                Learned learned = new Learned(StepDurations.readFrom(in, settings));
                learned.lastSeen = lastSeen;
                learned.timer = timer;
                learned.lastEmitAt = lastEmitAt;
                learned.dirty = (flags & 1) != 0;
                return learned;
            } catch (BufferUnderflowException e) {
                throw new IOException("step learner state cut short", e);
            }
        }
    }
}
