package io.parcelwatch.eta;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A mergeable quantile sketch of durations, in seconds: the one place that knows the sketch library, so that
 * moving to another (Apache DataSketches' KLL once the build targets Java 25, see the parent pom) touches
 * nothing else.
 *
 * <p>DDSketch guarantees a <i>relative</i> error on every quantile (1% by default): the right error for
 * durations that range from minutes (a dwell) to days (a held parcel), where a rank error would be loose in
 * the tail that decides lateness. Merging adds bin counts, so it is exact and order-independent: a ring of
 * buckets merged at query time gives the same answer as one sketch fed everything. The index mapping is
 * not written with each sketch (it is fixed by the accuracy), which keeps a bucket at a few dozen bytes.
 */
final class DurationSketch {
    private final DDSketch sketch;

    private DurationSketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    static DurationSketch empty(double relativeAccuracy) {
        LogarithmicMapping mapping = new LogarithmicMapping(relativeAccuracy);
        return new DurationSketch(new DDSketch(mapping, UnboundedSizeDenseStore::new));
    }

    static DurationSketch decode(byte[] bytes, double relativeAccuracy) {
        LogarithmicMapping mapping = new LogarithmicMapping(relativeAccuracy);
        try {
            return new DurationSketch(DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new, mapping));
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt duration sketch", e);
        }
    }

    byte[] encode() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to a growing array do not fail
        }
        return out.trimmedCopy();
    }

    void add(long durationMillis) {
        sketch.accept(Math.max(0, durationMillis) / 1000.0);
    }

    /** Adds everything {@code other} holds (exact: bin counts add up). */
    void merge(DurationSketch other) {
        sketch.mergeWith(other.sketch);
    }

    long count() {
        return Math.round(sketch.getCount());
    }

    boolean isEmpty() {
        return sketch.isEmpty();
    }

    /**
     * Durations in whole seconds at the given quantile levels (0 = smallest, 1 = largest seen), linear between
     * neighbouring durations: level {@code q} of {@code n} durations is at rank {@code q (n - 1)}. The sketch
     * itself answers with the duration at the rank rounded down, which for a handful of durations puts its 90th
     * to 99th percentiles all on the second largest.
     */
    int[] quantileSeconds(double[] levels) {
        int[] out = new int[levels.length];
        double n = sketch.getCount();
        for (int i = 0; i < levels.length; i++) {
            double rank = levels[i] * (n - 1);
            double below = Math.floor(rank);
            double seconds = atRank(below, n);
            if (rank > below) {
                seconds += (rank - below) * (atRank(below + 1, n) - seconds);
            }
            out[i] = (int) Math.min(Integer.MAX_VALUE, Math.round(seconds));
        }
        // the sketch's bins are monotone, rounding keeps them so; guard anyway for the interpolation
        for (int i = 1; i < out.length; i++) {
            out[i] = Math.max(out[i], out[i - 1]);
        }
        return out;
    }

    /**
     * The values held, one per non-empty bin of the sketch (so within its relative accuracy), ascending, each with how
     * many it holds: {@code [value, count, value, count, ...]}. Where values gather in a few clusters (times of day of
     * departures), every cluster, however few its values, where quantiles skip one with less mass than their spacing.
     */
    long[] valuesSeen() {
        IndexMapping mapping = sketch.getIndexMapping();
        return sketch.getPositiveValueStore().getAscendingStream()
                .flatMapToLong(bin -> java.util.stream.LongStream.of(Math.round(mapping.value(bin.getIndex())), Math.round(bin.getCount())))
                .toArray();
    }

    /** The duration at a whole (0-based) rank; asked for half a rank further, so that rounding cannot land on the one below. */
    private double atRank(double rank, double n) {
        return sketch.getValueAtQuantile(n <= 1 ? 0 : Math.min(1, (rank + 0.5) / (n - 1)));
    }
}
