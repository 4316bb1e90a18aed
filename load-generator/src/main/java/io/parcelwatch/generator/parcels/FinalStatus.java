package io.parcelwatch.generator.parcels;

/** How a parcel's life ends (IN_FLIGHT: the run ended first). */
public enum FinalStatus {
    DELIVERED, LOST, RETURNED, IN_FLIGHT
}
