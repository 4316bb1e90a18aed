package io.parcelwatch.benchmark;

/** What the naive baseline keeps of a decoded scan: its parcel, event time and type. */
public record BaselineScan(String parcelId, long eventTime, String type) {}
