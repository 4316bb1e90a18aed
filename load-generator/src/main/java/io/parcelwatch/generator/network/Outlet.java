package io.parcelwatch.generator.network;

/**
 * An outlet (delivery point) with its couriers, smart lockers and pickup stations.
 *
 * @param facility facility index of the outlet
 * @param hub      facility index of the hub that serves it
 * @param rural    rural outlets have fewer delivery rounds and no lockers
 * @param couriers courier ids
 * @param lockers  facility indices of its lockers (empty for rural outlets)
 * @param stations facility indices of its pickup stations
 */
public record Outlet(int facility, int hub, boolean rural, String[] couriers, int[] lockers, int[] stations) {
}
