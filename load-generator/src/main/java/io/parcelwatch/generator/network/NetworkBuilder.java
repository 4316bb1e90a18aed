package io.parcelwatch.generator.network;

import io.parcelwatch.generator.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the {@link Network} deterministically from a seed and a {@link NetworkConfig}. */
public final class NetworkBuilder {
    /** Distances up to this are driven directly between hubs; longer ones go through the areas' gateway hubs. */
    public static final double DIRECT_LANE_MAX_KM = 900;
    /** Road distance is this many times the great-circle distance. */
    static final double ROAD_FACTOR = 1.2;
    /** No lane is given a transit time above this (hours): the normal maximum of the in-transit stage. */
    public static final double MAX_TRANSIT_HOURS = 23.5;

    private static final long NETWORK_PURPOSE = 0x4E4554L;

    private NetworkBuilder() {}

    public static Network build(long seed, NetworkConfig config) {
        Rng rng = Rng.derive(seed, 0, NETWORK_PURPOSE);
        List<Region> catalog = Regions.CATALOG;
        int[] hubsPerRegion = allocateHubs(config.hubs(), catalog);

        List<Facility> facilities = new ArrayList<>();
        List<Region> usedRegions = new ArrayList<>();
        List<double[]> hubCoordinates = new ArrayList<>();
        List<Integer> hubNumberInRegion = new ArrayList<>();
        for (int r = 0; r < catalog.size(); r++) {
            Region region = catalog.get(r);
            if (hubsPerRegion[r] > 0) {
                usedRegions.add(region);
            }
            for (int h = 1; h <= hubsPerRegion[r]; h++) {
                double lat = region.latitude();
                double lon = region.longitude();
                if (h > 1) {
                    lat += rng.uniform(-0.9, 0.9);
                    lon += rng.uniform(-0.9, 0.9);
                }
                facilities.add(new Facility(facilities.size(), "HUB-" + region.code() + "-" + two(h), FacilityKind.HUB, region, -1, false));
                hubCoordinates.add(new double[] {lat, lon});
                hubNumberInRegion.add(h);
            }
        }
        int hubCount = facilities.size();

        // Outlets, then their lockers and pickup stations.
        int[][] hubOutlets = new int[hubCount][config.outletsPerHub()];
        List<int[]> pendingOutlets = new ArrayList<>(); // {facility, hub}
        List<Boolean> rural = new ArrayList<>();
        for (int hub = 0; hub < hubCount; hub++) {
            Facility h = facilities.get(hub);
            String prefix = h.region().code() + two(hubNumberInRegion.get(hub));
            for (int o = 0; o < config.outletsPerHub(); o++) {
                boolean isRural = rng.chance(h.region().ruralShare());
                Facility outlet = new Facility(facilities.size(), "OUT-" + prefix + "-" + three(o + 1), FacilityKind.OUTLET,
                        h.region(), hub, isRural);
                facilities.add(outlet);
                hubOutlets[hub][o] = outlet.index();
                pendingOutlets.add(new int[] {outlet.index(), hub});
                rural.add(isRural);
            }
        }
        Outlet[] outletsByFacility = new Outlet[0];
        List<Outlet> outletList = new ArrayList<>();
        for (int i = 0; i < pendingOutlets.size(); i++) {
            int facility = pendingOutlets.get(i)[0];
            int hub = pendingOutlets.get(i)[1];
            boolean isRural = rural.get(i);
            Facility outlet = facilities.get(facility);
            String suffix = outlet.id().substring("OUT-".length());
            int lockerCount = isRural ? 0 : config.lockersPerOutlet();
            int stationCount = config.stationsPerOutlet();
            int[] lockers = new int[lockerCount];
            for (int l = 0; l < lockerCount; l++) {
                Facility f = new Facility(facilities.size(), "LKR-" + suffix + "-" + (l + 1), FacilityKind.LOCKER, outlet.region(), facility, false);
                facilities.add(f);
                lockers[l] = f.index();
            }
            int[] stations = new int[stationCount];
            for (int s = 0; s < stationCount; s++) {
                Facility f = new Facility(facilities.size(), "STN-" + suffix + "-" + (s + 1), FacilityKind.STATION, outlet.region(), facility, isRural);
                facilities.add(f);
                stations[s] = f.index();
            }
            String[] couriers = new String[config.couriersPerOutlet()];
            for (int c = 0; c < couriers.length; c++) {
                couriers[c] = "C-" + suffix + "-" + two(c + 1);
            }
            outletList.add(new Outlet(facility, hub, isRural, couriers, lockers, stations));
        }
        if (facilities.size() > io.parcelwatch.generator.parcels.ParcelPlan.MAX_FACILITIES) {
            throw new IllegalArgumentException("network too large: " + facilities.size() + " facilities (at most "
                    + io.parcelwatch.generator.parcels.ParcelPlan.MAX_FACILITIES + ")");
        }
        outletsByFacility = new Outlet[facilities.size()];
        int[] outlets = new int[outletList.size()];
        for (int i = 0; i < outlets.length; i++) {
            Outlet o = outletList.get(i);
            outletsByFacility[o.facility()] = o;
            outlets[i] = o.facility();
        }

        // Where parcels start and end.
        double[] originWeights = new double[outlets.length];
        double[] destinationWeights = new double[outlets.length];
        for (int i = 0; i < outlets.length; i++) {
            Outlet o = outletList.get(i);
            Region region = facilities.get(o.facility()).region();
            double outletsInRegion = config.outletsPerHub() * (double) hubsPerRegion[catalog.indexOf(region)];
            originWeights[i] = region.shipperWeight() / outletsInRegion * (o.rural() ? 0.3 : 1.0);
            destinationWeights[i] = region.recipientWeight() / outletsInRegion * (o.rural() ? 0.8 : 1.0);
        }

        // Lanes between every pair of hubs.
        Lane[][] lanes = new Lane[hubCount][hubCount];
        for (int a = 0; a < hubCount; a++) {
            for (int b = 0; b < hubCount; b++) {
                if (a != b) {
                    lanes[a][b] = lane(a, b, hubCoordinates.get(a), hubCoordinates.get(b));
                }
            }
        }

        int[] gateways = gateways(facilities, hubCount, catalog);
        int[][][] routes = new int[hubCount][hubCount][];
        for (int a = 0; a < hubCount; a++) {
            for (int b = 0; b < hubCount; b++) {
                routes[a][b] = route(a, b, facilities, lanes, gateways);
            }
        }

        // Expected traffic per hub and lane, to pick realistic hubs and lanes for incidents.
        double[] hubOrigin = new double[hubCount];
        double[] hubDestination = new double[hubCount];
        for (int i = 0; i < outlets.length; i++) {
            hubOrigin[outletList.get(i).hub()] += originWeights[i];
            hubDestination[outletList.get(i).hub()] += destinationWeights[i];
        }
        double[] hubTraffic = new double[hubCount];
        double[][] laneTraffic = new double[hubCount][hubCount];
        for (int a = 0; a < hubCount; a++) {
            for (int b = 0; b < hubCount; b++) {
                double w = hubOrigin[a] * hubDestination[b];
                int[] route = routes[a][b];
                for (int i = 0; i < route.length; i++) {
                    hubTraffic[route[i]] += w;
                    if (i > 0) {
                        laneTraffic[route[i - 1]][route[i]] += w;
                    }
                }
            }
        }

        return new Network(List.copyOf(usedRegions), facilities.toArray(Facility[]::new), hubCount, outletsByFacility, outlets, hubOutlets,
                lanes, routes, Rng.cumulative(originWeights), Rng.cumulative(destinationWeights), hubTraffic, laneTraffic, gateways);
    }

    /** One hub per region in catalog order while they last, the rest by the regions' hub weights. */
    static int[] allocateHubs(int hubs, List<Region> catalog) {
        int[] per = new int[catalog.size()];
        if (hubs <= catalog.size()) {
            for (int i = 0; i < hubs; i++) {
                per[i] = 1;
            }
            return per;
        }
        Arrays.fill(per, 1);
        int remaining = hubs - catalog.size();
        double total = catalog.stream().mapToDouble(r -> r.hubWeight() - 1).sum();
        double[] remainders = new double[catalog.size()];
        int given = 0;
        for (int i = 0; i < catalog.size(); i++) {
            double quota = remaining * (catalog.get(i).hubWeight() - 1) / total;
            per[i] += (int) quota;
            given += (int) quota;
            remainders[i] = quota - (int) quota;
        }
        while (given < remaining) {
            int best = 0;
            for (int i = 1; i < catalog.size(); i++) {
                if (remainders[i] > remainders[best] || (remainders[best] == remainders[i] && catalog.get(i).hubWeight() > catalog.get(best).hubWeight())) {
                    best = i;
                }
            }
            // when every region already got its share, keep cycling by weight
            per[best]++;
            remainders[best] = -1 + remainders[best];
            given++;
        }
        return per;
    }

    private static Lane lane(int a, int b, double[] from, double[] to) {
        double km = Math.max(30, greatCircleKm(from[0], from[1], to[0], to[1]) * ROAD_FACTOR);
        boolean trunk = km > DIRECT_LANE_MAX_KM;
        double median = trunk ? 7 + km / 800 : Math.max(1.0, 1 + km / 80);
        double sigma = trunk ? 0.25 : 0.3;
        double cap = Math.min(median * 1.8, MAX_TRANSIT_HOURS);
        return new Lane(a, b, km, trunk, median, sigma, cap, median >= 6);
    }

    static double greatCircleKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = StrictMath.toRadians(lat1);
        double p2 = StrictMath.toRadians(lat2);
        double dp = p2 - p1;
        double dl = StrictMath.toRadians(lon2 - lon1);
        double h = StrictMath.sin(dp / 2) * StrictMath.sin(dp / 2)
                + StrictMath.cos(p1) * StrictMath.cos(p2) * StrictMath.sin(dl / 2) * StrictMath.sin(dl / 2);
        return 2 * 6371 * StrictMath.asin(Math.min(1, StrictMath.sqrt(h)));
    }

    private static int[] gateways(List<Facility> facilities, int hubCount, List<Region> catalog) {
        int[] gateways = new int[Area.values().length];
        Arrays.fill(gateways, -1);
        double[] best = new double[gateways.length];
        for (int hub = 0; hub < hubCount; hub++) {
            Region region = facilities.get(hub).region();
            int area = region.area().ordinal();
            if (gateways[area] < 0 || region.hubWeight() > best[area]) {
                gateways[area] = hub;
                best[area] = region.hubWeight();
            }
        }
        return gateways;
    }

    private static int[] route(int a, int b, List<Facility> facilities, Lane[][] lanes, int[] gateways) {
        if (a == b) {
            return new int[] {a};
        }
        Area areaA = facilities.get(a).region().area();
        Area areaB = facilities.get(b).region().area();
        if (areaA == areaB || lanes[a][b].distanceKm() <= DIRECT_LANE_MAX_KM) {
            return new int[] {a, b};
        }
        int[] candidate = {a, gateways[areaA.ordinal()], gateways[areaB.ordinal()], b};
        int[] out = new int[4];
        int n = 0;
        for (int hub : candidate) {
            if (n == 0 || out[n - 1] != hub) {
                out[n++] = hub;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String three(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }
}
