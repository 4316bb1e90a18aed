package io.parcelwatch.generator.anomalies;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Holds back labels of anomalies that show only by a silence until the stream has gone on long enough
 * to reveal them (measured in scan event time: the scans topic is what a tracker's watermark follows),
 * then passes them on marked detectable; those still held when the stream ends are
 * passed on marked not detectable. A bounded run ends with parcels that went silent too recently for
 * anyone to know yet whether they are lost; scoring a detector on those would measure the end of the
 * file, not the detector.
 */
public final class DetectabilityGate implements LabelSink {
    /**
     * How far past {@code detectableFrom} the stream must go on: a tracker's watermark trails the
     * newest event time by its out-of-orderness bound, and its deadlines are rounded to buckets.
     */
    public static final long MARGIN = HOUR;

    private final LabelSink next;
    private final PriorityQueue<Label> held = new PriorityQueue<>(Comparator.comparingLong(Label::detectableFrom));
    private long undetectable;

    public DetectabilityGate(LabelSink next) {
        this.next = next;
    }

    @Override
    public void accept(Label label) {
        if (label.detectableFrom() == null || !label.detectable()) {
            count(label);
            next.accept(label);
        } else {
            held.add(label);
        }
    }

    /** Passes on, as detectable, every held label the stream has now gone far enough past. */
    public void advance(long newestScanTime) {
        while (!held.isEmpty() && held.peek().detectableFrom() + MARGIN <= newestScanTime) {
            next.accept(held.poll());
        }
    }

    /** At the end of the stream: the labels still held could not be detected within it. */
    public void finish(long newestScanTime) {
        advance(newestScanTime);
        while (!held.isEmpty()) {
            Label label = held.poll().withDetectable(false);
            count(label);
            next.accept(label);
        }
    }

    /** Labels passed on marked not detectable. */
    public long undetectable() {
        return undetectable;
    }

    private void count(Label label) {
        if (!label.detectable()) {
            undetectable++;
        }
    }
}
