package io.parcelwatch.generator.network;

/**
 * A place where scans happen.
 *
 * @param index    position in {@link Network#facilities()}
 * @param id       e.g. {@code HUB-SH-01}, {@code OUT-SH01-007}, {@code LKR-SH01-007-2}, {@code STN-SH01-007-1}
 * @param kind     hub, outlet, locker or pickup station
 * @param region   its region
 * @param parent   index of the hub an outlet belongs to, or of the outlet a locker/station belongs to; -1 for hubs
 * @param rural    for outlets (and their lockers/stations): whether the outlet serves a rural area
 */
public record Facility(int index, String id, FacilityKind kind, Region region, int parent, boolean rural) {
    public String regionId() {
        return region.id();
    }
}
