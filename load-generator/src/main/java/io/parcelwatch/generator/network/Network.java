package io.parcelwatch.generator.network;

import java.util.List;

/**
 * The synthetic express network: regions, sorting hubs, outlets with couriers, lockers and pickup
 * stations, line-haul lanes between hubs, and the route between any two hubs. Immutable once built
 * by {@link NetworkBuilder}; shared by all generator threads.
 */
public final class Network {
    private final List<Region> regions;
    private final Facility[] facilities;
    private final int hubCount;
    private final Outlet[] outletsByFacility;
    private final int[] outlets;
    private final int[][] hubOutlets;
    private final Lane[][] lanes;
    private final int[][][] routes;
    private final double[] originCumulative;
    private final double[] destinationCumulative;
    private final double[] hubTraffic;
    private final double[][] laneTraffic;
    private final int[] gateways;

    Network(List<Region> regions, Facility[] facilities, int hubCount, Outlet[] outletsByFacility, int[] outlets, int[][] hubOutlets,
            Lane[][] lanes, int[][][] routes, double[] originCumulative, double[] destinationCumulative, double[] hubTraffic,
            double[][] laneTraffic, int[] gateways) {
        this.regions = regions;
        this.facilities = facilities;
        this.hubCount = hubCount;
        this.outletsByFacility = outletsByFacility;
        this.outlets = outlets;
        this.hubOutlets = hubOutlets;
        this.lanes = lanes;
        this.routes = routes;
        this.originCumulative = originCumulative;
        this.destinationCumulative = destinationCumulative;
        this.hubTraffic = hubTraffic;
        this.laneTraffic = laneTraffic;
        this.gateways = gateways;
    }

    public List<Region> regions() {
        return regions;
    }

    public Facility[] facilities() {
        return facilities;
    }

    public Facility facility(int index) {
        return facilities[index];
    }

    /** Hubs are facilities {@code 0 .. hubCount-1}. */
    public int hubCount() {
        return hubCount;
    }

    /** Facility indices of all outlets. */
    public int[] outlets() {
        return outlets;
    }

    public Outlet outlet(int facilityIndex) {
        return outletsByFacility[facilityIndex];
    }

    public int[] outletsOfHub(int hub) {
        return hubOutlets[hub];
    }

    public Lane lane(int fromHub, int toHub) {
        return lanes[fromHub][toHub];
    }

    /** The hubs a parcel passes from the hub of its origin outlet to the hub of its destination outlet. */
    public int[] route(int originHub, int destinationHub) {
        return routes[originHub][destinationHub];
    }

    /** Cumulative weights over {@link #outlets()} for where parcels start. */
    public double[] originCumulative() {
        return originCumulative;
    }

    /** Cumulative weights over {@link #outlets()} for where parcels are delivered. */
    public double[] destinationCumulative() {
        return destinationCumulative;
    }

    /** Expected share of parcels passing each hub (relative). */
    public double[] hubTraffic() {
        return hubTraffic;
    }

    /** Expected share of parcels using each lane (relative). */
    public double laneTraffic(int fromHub, int toHub) {
        return laneTraffic[fromHub][toHub];
    }

    /** Gateway hub of each {@link Area} (by ordinal), or -1 if the area has no hub. */
    public int gateway(Area area) {
        return gateways[area.ordinal()];
    }

    public int lockerCount() {
        int n = 0;
        for (int o : outlets) {
            n += outletsByFacility[o].lockers().length;
        }
        return n;
    }

    public int stationCount() {
        int n = 0;
        for (int o : outlets) {
            n += outletsByFacility[o].stations().length;
        }
        return n;
    }

    public int courierCount() {
        int n = 0;
        for (int o : outlets) {
            n += outletsByFacility[o].couriers().length;
        }
        return n;
    }
}
