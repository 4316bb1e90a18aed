package io.parcelwatch.eta;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The learned duration distribution of one step key: a ring of sketches, one per bucket of event time (the
 * time the step ended), over the last {@link LearningSettings#bucketCount()} buckets.
 *
 * <p><b>Why a ring of buckets</b> rather than one sketch, or one with decaying weights: when a lane is disrupted
 * its durations change at once, and the model has to follow within the hour, not after the disruption has
 * outweighed days of normal traffic. Quantiles therefore come from the newest buckets only, the <i>recent
 * window</i>: the last {@link LearningSettings#recentBuckets()} buckets, reaching further back only until it
 * holds {@link LearningSettings#minRecent()} observations. A busy lane thus reflects its last hour and a quiet
 * one the days it takes to say anything, with no decay rate to tune per key, and when a disruption ends its
 * buckets simply fall out of the window. Buckets older than the ring are dropped, which bounds the state and
 * forgets a permanent change completely after one ring. Because sketches merge exactly, merging the window's
 * buckets costs nothing in accuracy, and two rings (of parallel learners, of a restore) merge bucket by bucket.
 * The whole ring's median is kept beside the window's quantiles as the step's <i>typical</i> duration, to tell
 * how much slower a step is now than usual.
 *
 * <p>Checkpointed as bytes; buckets stay encoded until a query needs them, so that recording an observation
 * decodes one sketch, not the ring.
 */
public final class StepDurations {
    private static final byte FORMAT = 1;
    /** A time of day seen fewer times than this, counting those within {@link #SAME_TIME_SECONDS}, is taken for a stray scan. */
    static final int MIN_SCANS_AT_A_TIME = 2;
    /** Scans this close in the day count together ({@link #timesSeen}): a sketch bin is 2 % wide, half an hour at 23:00. */
    static final int SAME_TIME_SECONDS = 30 * 60;

    private final LearningSettings settings;
    private final long width;
    /** Ascending by bucket number. */
    private final List<Bucket> buckets = new ArrayList<>();

    private static final class Bucket {
        final long number;
        long count;
        byte[] encoded;
        DurationSketch sketch;

        Bucket(long number, long count, byte[] encoded, DurationSketch sketch) {
            this.number = number;
            this.count = count;
            this.encoded = encoded;
            this.sketch = sketch;
        }
    }

    private StepDurations(LearningSettings settings) {
        this.settings = settings;
        this.width = settings.bucketMillis();
    }

    public static StepDurations empty(LearningSettings settings) {
        return new StepDurations(settings);
    }

    // ------------------------------------------------------------------ learning

    /**
     * Records a step that ended at {@code endTime} (event time). False if it ended before the ring (too late
     * to count). An observation ahead of the newest bucket moves the ring forward.
     */
    public boolean add(long endTime, long durationMillis) {
        long number = Math.floorDiv(endTime, width);
        if (!buckets.isEmpty() && number <= newestNumber() - settings.bucketCount()) {
            return false;
        }
        Bucket bucket = bucket(number);
        sketch(bucket).add(durationMillis);
        bucket.encoded = null;
        bucket.count++;
        dropBefore(newestNumber() - settings.bucketCount() + 1);
        return true;
    }

    /** Adds everything another ring of the same settings holds, bucket by bucket. */
    public void merge(StepDurations other) {
        for (Bucket theirs : other.buckets) {
            Bucket ours = bucket(theirs.number);
            sketch(ours).merge(other.sketch(theirs));
            ours.encoded = null;
            ours.count += theirs.count;
        }
        if (!buckets.isEmpty()) {
            dropBefore(newestNumber() - settings.bucketCount() + 1);
        }
    }

    /** Forgets the buckets that have left the ring as of event time {@code now}. */
    public void expire(long now) {
        dropBefore(Math.floorDiv(now, width) - settings.bucketCount() + 1);
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Observations in the ring. */
    public long count() {
        long n = 0;
        for (Bucket b : buckets) {
            n += b.count;
        }
        return n;
    }

    /** Event time at which the newest bucket ends, or Long.MIN_VALUE when empty. */
    public long newestBucketEnd() {
        return buckets.isEmpty() ? Long.MIN_VALUE : (newestNumber() + 1) * width;
    }

    // ------------------------------------------------------------------ querying

    /**
     * The learned distribution as of event time {@code now}: quantiles from the recent window (see the class
     * comment), typical duration from the whole ring. Null if the ring holds nothing at {@code now}.
     */
    public StepSummary summary(long now) {
        return summary(now, settings.recentBuckets());
    }

    /**
     * As {@link #summary(long)}, with a recent window of at least {@code recentBuckets}. A step whose duration
     * depends on the hour it starts needs a window of whole days ({@link LearningSettings#dayBuckets()}): its
     * buckets hold steps by the hour they <i>ended</i>, and the last hour's endings of a last mile are the
     * ones that caught this round, not the ones that wait for tomorrow's.
     */
    public StepSummary summary(long now, int recentBuckets) {
        return summary(now, recentBuckets, true);
    }

    private StepSummary summary(long now, int recentBuckets, boolean durations) {
        long reference = Math.max(Math.floorDiv(now, width), buckets.isEmpty() ? Long.MIN_VALUE : newestNumber());
        long oldest = reference - settings.bucketCount() + 1;
        long recentFrom = reference - Math.min(Math.max(recentBuckets, 1), settings.bucketCount()) + 1;
        DurationSketch window = DurationSketch.empty(settings.relativeAccuracy());
        DurationSketch all = DurationSketch.empty(settings.relativeAccuracy());
        long inWindow = 0;
        long total = 0;
        for (int i = buckets.size() - 1; i >= 0; i--) {
            Bucket b = buckets.get(i);
            if (b.number < oldest) {
                break;
            }
            DurationSketch s = sketch(b);
            if (b.number >= recentFrom || inWindow < settings.minRecent()) {
                window.merge(s);
                inWindow += b.count;
            }
            all.merge(s);
            total += b.count;
        }
        if (total == 0) {
            return null;
        }
        int typical = all.quantileSeconds(new double[] {0.5})[0];
        int[] quantiles = durations ? window.quantileSeconds(StepSummary.LEVELS) : timesSeen(window);
        return new StepSummary(quantiles, typical, inWindow, now);
    }

    /**
     * Times of day (round starts, departures: the kinds that are not durations) as of {@code now}: the last day's times of day (at least), and
     * instead of a typical duration, how long they have been watched: from the start of the oldest bucket held
     * to {@code now}, at most a day ({@link StepSummary#watchedMillis()}). Null if the ring holds nothing.
     */
    public StepSummary timesOfDay(long now) {
        StepSummary times = summary(now, settings.dayBuckets(), false);
        if (times == null) {
            return null;
        }
        long day = Duration.ofDays(1).toSeconds();
        long watched = Math.clamp((now - buckets.get(0).number * width) / 1000, 0, day);
        return new StepSummary(times.quantileSeconds(), (int) watched, times.count(), now);
    }

    /**
     * Times of day as {@link StepSummary#POINTS} values: those seen (one per sketch bin) with at least
     * {@link #MIN_SCANS_AT_A_TIME} scans within {@link #SAME_TIME_SECONDS} of them, ascending and padded with the last;
     * more than that, evenly picked. Not quantiles: a departure
     * that carried two parcels yesterday still leaves, and a parcel ready before it takes it. Quantiles of the scan
     * times skipped it (on the default scenario a long-haul lane's 00:00 wave, two of 751 scans in a stream's first
     * day, and its parcels were predicted to wait twelve hours for the midday wave). A time seen once may be a
     * handheld with a wrong clock, and is only kept when nothing is seen twice.
     */
    private static int[] timesSeen(DurationSketch window) {
        long[] bins = window.valuesSeen();
        int[] seen = new int[bins.length / 2];
        int k = 0;
        for (int i = 0; i < bins.length; i += 2) {
            long near = bins[i + 1];
            for (int j = i - 2; j >= 0 && bins[i] - bins[j] <= SAME_TIME_SECONDS; j -= 2) {
                near += bins[j + 1];
            }
            for (int j = i + 2; j < bins.length && bins[j] - bins[i] <= SAME_TIME_SECONDS; j += 2) {
                near += bins[j + 1];
            }
            if (near >= MIN_SCANS_AT_A_TIME) {
                seen[k++] = inTheDay(bins[i]);
            }
        }
        if (k == 0) { // nothing seen twice: keep what there is
            for (int i = 0; i < bins.length; i += 2) {
                seen[k++] = inTheDay(bins[i]);
            }
        }
        seen = Arrays.copyOf(seen, k);
        int[] out = new int[StepSummary.POINTS];
        for (int i = 0; i < out.length; i++) {
            int at = seen.length <= out.length ? Math.min(i, seen.length - 1) : (int) Math.round(i * (seen.length - 1) / (double) (out.length - 1));
            out[i] = seen[at];
        }
        return out;
    }

    /** A bin's value is within 1 % of the times it holds: one just before midnight may stand after it. */
    private static int inTheDay(long seconds) {
        return (int) Math.clamp(seconds, 0, Duration.ofDays(1).toSeconds() - 1);
    }

    /** The learned distribution if the ring holds at least {@code minObservations}, else the prior's. */
    public StepSummary summary(long now, StepPrior prior, int minObservations) {
        StepSummary learned = summary(now);
        if (learned != null && learned.count() >= minObservations) {
            return learned;
        }
        StepSummary assumed = prior.summary();
        return new StepSummary(assumed.quantileSeconds(), assumed.typicalSeconds(), 0, now);
    }

    // ------------------------------------------------------------------ bytes

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        writeTo(out);
        return out.array();
    }

    /** Bytes {@link #writeTo} writes. */
    int encodedLength() {
        int length = 1 + Integer.BYTES;
        for (Bucket b : buckets) {
            length += 2 * Long.BYTES + Integer.BYTES + encoded(b).length;
        }
        return length;
    }

    /**
     * Writes {@link #toBytes()}'s format into {@code out}, which has {@link #encodedLength()} bytes left: written in place,
     * as the learner stores its ring with every observation and copying it through streams was most of that cost.
     */
    void writeTo(ByteBuffer out) {
        out.put(FORMAT);
        out.putInt(buckets.size());
        for (Bucket b : buckets) {
            byte[] encoded = encoded(b);
            out.putLong(b.number);
            out.putLong(b.count);
            out.putInt(encoded.length);
            out.put(encoded);
        }
    }

    /** Reads {@link #toBytes()}; the settings must be those it was written with (bucket width and accuracy). */
    public static StepDurations fromBytes(byte[] bytes, LearningSettings settings) {
        return readFrom(ByteBuffer.wrap(bytes), settings);
    }

    /** Reads what {@link #writeTo} wrote, from the buffer's position on. */
    static StepDurations readFrom(ByteBuffer in, LearningSettings settings) {
        StepDurations ring = new StepDurations(settings);
        try {
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown step durations format " + format);
            }
            int n = in.getInt();
            for (int i = 0; i < n; i++) {
                long number = in.getLong();
                long count = in.getLong();
                byte[] encoded = new byte[in.getInt()];
                in.get(encoded);
                ring.buckets.add(new Bucket(number, count, encoded, null));
            }
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("corrupt step durations", e);
        }
        return ring;
    }

    // ------------------------------------------------------------------ internals

    private long newestNumber() {
        return buckets.get(buckets.size() - 1).number;
    }

    private Bucket bucket(long number) {
        int i = buckets.size();
        while (i > 0 && buckets.get(i - 1).number > number) {
            i--;
        }
        if (i > 0 && buckets.get(i - 1).number == number) {
            return buckets.get(i - 1);
        }
        Bucket created = new Bucket(number, 0, null, DurationSketch.empty(settings.relativeAccuracy()));
        buckets.add(i, created);
        return created;
    }

    private static byte[] encoded(Bucket b) {
        if (b.encoded == null) {
            b.encoded = b.sketch.encode();
        }
        return b.encoded;
    }

    private DurationSketch sketch(Bucket b) {
        if (b.sketch == null) {
            b.sketch = DurationSketch.decode(b.encoded, settings.relativeAccuracy());
        }
        return b.sketch;
    }

    private void dropBefore(long number) {
        while (!buckets.isEmpty() && buckets.get(0).number < number) {
            buckets.remove(0);
        }
    }
}
