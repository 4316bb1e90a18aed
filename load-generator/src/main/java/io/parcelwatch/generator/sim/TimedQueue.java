package io.parcelwatch.generator.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A priority queue of values by time for the simulation: a calendar queue. Entries fall into buckets of
 * one simulated minute on a ring covering {@link #BUCKETS} minutes; a bucket is sorted only when the
 * clock reaches it, and entries beyond the ring wait in a small heap until it comes round. Adding is an
 * append, taking is a step along a sorted array, so the cost per event stays flat with a million
 * parcels in flight (a binary heap of that size spends most of its time on cache misses).
 *
 * <p>Entries with equal times come out in the order they were added, so runs are deterministic.
 * Times must never be added before the time of the last entry taken.
 */
final class TimedQueue<T> {
    static final long WIDTH = 60_000;
    static final int BUCKETS = 1 << 14; // 11.4 days
    /** Emptied buckets keep their arrays up to this capacity; bigger ones are released. */
    static final int KEEP_CAPACITY = 64;

    private final long[][] bucketTimes = new long[BUCKETS][];
    private final Object[][] bucketValues = new Object[BUCKETS][];
    private final int[] bucketSizes = new int[BUCKETS];
    private final OverflowHeap overflow = new OverflowHeap();
    private int size;

    /** The bucket being taken from, sorted: times and values from {@code curPos} to {@code curSize}. */
    private long current = Long.MIN_VALUE;
    private long[] curTimes = new long[256];
    private Object[] curValues = new Object[256];
    private int curPos;
    private int curSize;
    private long[] sortKeys = new long[256];

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long time, T value) {
        long bucket = Math.floorDiv(time, WIDTH);
        size++;
        if (current == Long.MIN_VALUE) {
            current = bucket;
        }
        if (bucket <= current) {
            insertCurrent(time, value);
        } else if (bucket < current + BUCKETS) {
            append((int) (bucket & (BUCKETS - 1)), time, value);
        } else {
            overflow.add(time, value);
        }
    }

    /** Time of the first entry, or Long.MAX_VALUE if empty. */
    long peekTime() {
        return advance() ? curTimes[curPos] : Long.MAX_VALUE;
    }

    @SuppressWarnings("unchecked")
    T peek() {
        return advance() ? (T) curValues[curPos] : null;
    }

    @SuppressWarnings("unchecked")
    T poll() {
        if (!advance()) {
            return null;
        }
        T value = (T) curValues[curPos];
        curValues[curPos++] = null;
        size--;
        return value;
    }

    /** Takes the first entry and adds a new one. */
    void replaceHead(long time, T value) {
        poll();
        add(time, value);
    }

    /** All values, in no particular order (for the end of a run). */
    @SuppressWarnings("unchecked")
    List<T> values() {
        List<T> out = new ArrayList<>(size);
        for (int i = curPos; i < curSize; i++) {
            out.add((T) curValues[i]);
        }
        for (int b = 0; b < BUCKETS; b++) {
            for (int i = 0; i < bucketSizes[b]; i++) {
                out.add((T) bucketValues[b][i]);
            }
        }
        for (Object v : overflow.values()) {
            out.add((T) v);
        }
        return out;
    }

    /** Makes the current sorted bucket non-empty if anything is left; false if the queue is empty. */
    private boolean advance() {
        if (curPos < curSize) {
            return true;
        }
        if (size == 0) {
            return false;
        }
        curPos = 0;
        curSize = 0;
        while (true) {
            current++;
            // entries of the overflow heap that are now within the ring move into their buckets
            // (they are never before `current`: they were beyond the ring when added)
            while (!overflow.isEmpty() && Math.floorDiv(overflow.peekTime(), WIDTH) < current + BUCKETS) {
                long t = overflow.peekTime();
                Object v = overflow.poll();
                append((int) (Math.floorDiv(t, WIDTH) & (BUCKETS - 1)), t, v);
            }
            int slot = (int) (current & (BUCKETS - 1));
            if (bucketSizes[slot] > 0) {
                load(slot);
                return true;
            }
            if (allBucketsEmpty()) {
                // only far-away entries left: jump to the overflow heap's first bucket
                current = Math.floorDiv(overflow.peekTime(), WIDTH) - BUCKETS;
            }
        }
    }

    private boolean allBucketsEmpty() {
        return size == overflow.size() + (curSize - curPos);
    }

    /** Sorts a bucket by (time, order added) into the current arrays. */
    private void load(int slot) {
        int n = bucketSizes[slot];
        long[] times = bucketTimes[slot];
        Object[] values = bucketValues[slot];
        long base = current * WIDTH;
        if (sortKeys.length < n) {
            sortKeys = new long[Math.max(n, sortKeys.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            sortKeys[i] = (times[i] - base) << 32 | i; // offset < 60,000 ms fits; the index keeps equal times in order
        }
        Arrays.sort(sortKeys, 0, n);
        ensureCurrent(curSize + n);
        for (int k = 0; k < n; k++) {
            int i = (int) sortKeys[k];
            curTimes[curSize + k] = times[i];
            curValues[curSize + k] = values[i];
            values[i] = null;
        }
        curSize += n;
        bucketSizes[slot] = 0;
        if (times.length > KEEP_CAPACITY) {
            // buckets at departure waves and delivery rounds get big; do not keep 16,384 of them at their peak size
            bucketTimes[slot] = null;
            bucketValues[slot] = null;
        }
    }

    private void append(int slot, long time, Object value) {
        int n = bucketSizes[slot];
        long[] times = bucketTimes[slot];
        if (times == null) {
            times = bucketTimes[slot] = new long[16];
            bucketValues[slot] = new Object[16];
        } else if (n == times.length) {
            times = bucketTimes[slot] = Arrays.copyOf(times, n * 2);
            bucketValues[slot] = Arrays.copyOf(bucketValues[slot], n * 2);
        }
        times[n] = time;
        bucketValues[slot][n] = value;
        bucketSizes[slot] = n + 1;
    }

    /** Inserts into the sorted current bucket after every entry with a time not later than this one. */
    private void insertCurrent(long time, Object value) {
        ensureCurrent(curSize + 1);
        int lo = curPos;
        int hi = curSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (curTimes[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(curTimes, lo, curTimes, lo + 1, curSize - lo);
        System.arraycopy(curValues, lo, curValues, lo + 1, curSize - lo);
        curTimes[lo] = time;
        curValues[lo] = value;
        curSize++;
    }

    private void ensureCurrent(int capacity) {
        if (curPos > 0 && capacity > curTimes.length) {
            // compact before growing
            int live = curSize - curPos;
            System.arraycopy(curTimes, curPos, curTimes, 0, live);
            System.arraycopy(curValues, curPos, curValues, 0, live);
            Arrays.fill(curValues, live, curSize, null);
            capacity -= curPos;
            curSize = live;
            curPos = 0;
        }
        if (capacity > curTimes.length) {
            int n = Math.max(capacity, curTimes.length * 2);
            curTimes = Arrays.copyOf(curTimes, n);
            curValues = Arrays.copyOf(curValues, n);
        }
    }

    /** Entries beyond the ring; few. A binary heap ordered by (time, order added). */
    private static final class OverflowHeap {
        private long[] times = new long[64];
        private long[] seqs = new long[64];
        private Object[] values = new Object[64];
        private int size;
        private long nextSeq;

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        long peekTime() {
            return times[0];
        }

        void add(long time, Object value) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                seqs = Arrays.copyOf(seqs, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            long seq = nextSeq++;
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!less(time, seq, times[parent], seqs[parent])) {
                    break;
                }
                times[i] = times[parent];
                seqs[i] = seqs[parent];
                values[i] = values[parent];
                i = parent;
            }
            times[i] = time;
            seqs[i] = seq;
            values[i] = value;
        }

        Object poll() {
            Object top = values[0];
            int last = --size;
            long t = times[last];
            long s = seqs[last];
            Object v = values[last];
            values[last] = null;
            int i = 0;
            while (last > 0) {
                int child = 2 * i + 1;
                if (child >= last) {
                    break;
                }
                if (child + 1 < last && less(times[child + 1], seqs[child + 1], times[child], seqs[child])) {
                    child++;
                }
                if (!less(times[child], seqs[child], t, s)) {
                    break;
                }
                times[i] = times[child];
                seqs[i] = seqs[child];
                values[i] = values[child];
                i = child;
            }
            if (last > 0) {
                times[i] = t;
                seqs[i] = s;
                values[i] = v;
            }
            return top;
        }

        Object[] values() {
            return Arrays.copyOf(values, size);
        }

        private static boolean less(long t1, long s1, long t2, long s2) {
            return t1 < t2 || (t1 == t2 && s1 < s2);
        }
    }
}
