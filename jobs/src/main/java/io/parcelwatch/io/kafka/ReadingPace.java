package io.parcelwatch.io.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast a source subtask reads, in records a second, over a window of at least a given length: the
 * pace at which its lag would be worked off. Over a single interval the pace swung with every pause of
 * the reading (a checkpoint, a back-pressured moment): 9,253 records behind read as 410 s in one answer.
 */
final class ReadingPace {
    private final long windowMillis;
    private final List<long[]> readings = new ArrayList<>(); // {wall, records read so far}, oldest first

    ReadingPace(Duration window) {
        this.windowMillis = window.toMillis();
    }

    /**
     * Notes that {@code readSoFar} records had been read at {@code wallMillis} and returns the pace since the latest reading
     * at least a window before it (or the oldest kept); NaN after the first reading.
     */
    double record(long wallMillis, long readSoFar) {
        readings.add(new long[] {wallMillis, readSoFar});
        while (readings.size() > 2 && wallMillis - readings.get(1)[0] >= windowMillis) {
            readings.remove(0); // the next one still spans the window
        }
        long[] first = readings.get(0);
        if (readings.size() < 2 || wallMillis <= first[0]) {
            return Double.NaN;
        }
        return Math.max(0, readSoFar - first[1]) * 1000.0 / (wallMillis - first[0]);
    }
}
