package io.parcelwatch.generator.replay;

import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.generator.sim.Pacer;
import io.parcelwatch.generator.sim.Pacing;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.io.IOException;

/**
 * Publishes a recorded stream in its recorded order, at N times its original pace (the gaps between
 * the events' pace times, divided by N) or as fast as possible. Events go out one by one in file
 * order, so each parcel's events keep their order.
 */
public final class Replayer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Replayer.class);
    private final Pacing pacing;
    private volatile boolean stopRequested;

    public Replayer(Pacing pacing) {
        if (pacing.mode() == Pacing.Mode.RATE) {
            throw new IllegalArgumentException("replay paces by speed or not at all");
        }
        this.pacing = pacing;
    }

    public void stop() {
        stopRequested = true;
    }

    /** Counters of a replay; the volatile ones may be read by a progress display. */
    public static final class Stats {
        final long[] scansByType = new long[ScanType.values().length];
        final long[] complaintsByType = new long[ComplaintEventType.values().length];
        volatile long events;
        volatile long bytesRead;
        volatile long size;
        volatile long firstPace = Long.MIN_VALUE;
        volatile long lastPace = Long.MIN_VALUE;
        long wallStartNanos;
        long wallEndNanos;
        boolean stoppedEarly;

        public long events() {
            return events;
        }

        public long bytesRead() {
            return bytesRead;
        }

        public long size() {
            return size;
        }

        public long firstPace() {
            return firstPace;
        }

        public long lastPace() {
            return lastPace;
        }

        public long scans(ScanType type) {
            return scansByType[type.ordinal()];
        }

        public long complaints(ComplaintEventType type) {
            return complaintsByType[type.ordinal()];
        }

        public double wallSeconds() {
            return (wallEndNanos - wallStartNanos) / 1e9;
        }

        public boolean stoppedEarly() {
            return stoppedEarly;
        }
    }

    public Stats replay(RecordedStream stream, EventSink sink) throws IOException, BadRecordingException {
        return replay(stream, sink, new Stats());
    }

    public Stats replay(RecordedStream stream, EventSink sink, Stats stats) throws IOException, BadRecordingException {
        stats.size = stream.size();
        LOG.info("Replaying {} ({})", stream.describe(), pacing);
        stats.wallStartNanos = System.nanoTime();
        Pacer pacer = null;
        long count = 0;
        long last = Long.MIN_VALUE;
        RecordedEvent e;
        while ((e = stream.next()) != null) {
            if (stopRequested) {
                stats.stoppedEarly = true;
                break;
            }
            if (pacer == null) {
                pacer = new Pacer(pacing, e.paceTime(), () -> stopRequested);
                pacer.start();
                stats.firstPace = e.paceTime();
            }
            pacer.await(e.paceTime(), count);
            if (e.event() instanceof ScanEvent scan) {
                sink.scan(scan, e.paceTime());
                stats.scansByType[scan.getType().ordinal()]++;
            } else {
                ComplaintEvent complaint = (ComplaintEvent) e.event();
                sink.complaint(complaint, e.paceTime());
                stats.complaintsByType[complaint.getType().ordinal()]++;
            }
            count++;
            if ((count & (pacer.paced() ? 0x3F : 0x3FF)) == 0) {
                stats.events = count;
                stats.bytesRead = stream.bytesRead();
                stats.lastPace = e.paceTime();
                if ((count & 0xFFFF) == 0) {
                    sink.check();
                }
            }
            last = e.paceTime();
        }
        if (count > 0) {
            stats.lastPace = last;
        }
        stats.events = count;
        stats.bytesRead = stream.bytesRead();
        stats.wallEndNanos = System.nanoTime();
        return stats;
    }
}
