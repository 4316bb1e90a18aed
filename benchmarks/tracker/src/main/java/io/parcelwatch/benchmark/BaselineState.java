package io.parcelwatch.benchmark;

/** The naive baseline's per-parcel value: the latest scan seen and how many scans there were. */
public record BaselineState(long lastEventTime, String lastType, int scans) {}
