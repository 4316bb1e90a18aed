package io.parcelwatch.generator.sim;

import io.parcelwatch.generator.parcels.FinalStatus;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ScanType;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of a run. Written by the generating thread only; the progress display reads the volatile
 * snapshot, refreshed every few thousand events.
 */
public final class RunStats {
    final long[] scansByType = new long[ScanType.values().length];
    final long[] complaintsByType = new long[ComplaintEventType.values().length];
    long lateUploads;
    long duplicates;
    long corrections;
    long missing;
    long parcelsCreated;
    long eventsSent;
    long droppedAtEnd;
    long peakParcelsInFlight;
    long peakDelayedEvents;
    long hubLossWindows;
    long laneDisruptions;
    long parcelsHeld;
    final long[] parcelsByStatus = new long[FinalStatus.values().length];
    final Map<AlertKind, Long> labelsByKind = new EnumMap<>(AlertKind.class);
    final Map<AlertKind, Long> undetectableByKind = new EnumMap<>(AlertKind.class);
    /** The newest scan event time sent: how far a consumer's watermark on the scans topic can get. */
    long newestScanTime = Long.MIN_VALUE;
    long wallStartNanos;
    long wallEndNanos;
    RunWindow window;
    boolean stoppedEarly;

    private volatile long sentSnapshot;
    private volatile long createdSnapshot;
    private volatile long simTimeSnapshot;

    void publish(long simTime) {
        sentSnapshot = eventsSent;
        createdSnapshot = parcelsCreated;
        simTimeSnapshot = simTime;
    }

    public long eventsSentSoFar() {
        return sentSnapshot;
    }

    public long parcelsCreatedSoFar() {
        return createdSnapshot;
    }

    public long simTimeSoFar() {
        return simTimeSnapshot;
    }

    public long scans(ScanType type) {
        return scansByType[type.ordinal()];
    }

    public long complaints(ComplaintEventType type) {
        return complaintsByType[type.ordinal()];
    }

    public long totalScans() {
        long sum = 0;
        for (long c : scansByType) {
            sum += c;
        }
        return sum;
    }

    public long totalComplaintEvents() {
        long sum = 0;
        for (long c : complaintsByType) {
            sum += c;
        }
        return sum;
    }

    public long eventsSent() {
        return eventsSent;
    }

    public long lateUploads() {
        return lateUploads;
    }

    public long duplicates() {
        return duplicates;
    }

    public long corrections() {
        return corrections;
    }

    public long missing() {
        return missing;
    }

    public long parcelsCreated() {
        return parcelsCreated;
    }

    public long droppedAtEnd() {
        return droppedAtEnd;
    }

    public long peakParcelsInFlight() {
        return peakParcelsInFlight;
    }

    public long peakDelayedEvents() {
        return peakDelayedEvents;
    }

    public long hubLossWindows() {
        return hubLossWindows;
    }

    public long laneDisruptions() {
        return laneDisruptions;
    }

    public long parcelsHeld() {
        return parcelsHeld;
    }

    public Map<FinalStatus, Long> parcelsByStatus() {
        Map<FinalStatus, Long> map = new EnumMap<>(FinalStatus.class);
        for (FinalStatus s : FinalStatus.values()) {
            if (parcelsByStatus[s.ordinal()] > 0) {
                map.put(s, parcelsByStatus[s.ordinal()]);
            }
        }
        return map;
    }

    public Map<AlertKind, Long> labelsByKind() {
        return labelsByKind;
    }

    /** Labels marked not detectable (the stream ends too soon after the anomaly, or it is too small to show). */
    public Map<AlertKind, Long> undetectableByKind() {
        return undetectableByKind;
    }

    public RunWindow window() {
        return window;
    }

    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    public double wallSeconds() {
        return (wallEndNanos - wallStartNanos) / 1e9;
    }
}
