package io.parcelwatch.generator.cli;

import io.parcelwatch.generator.network.Area;
import io.parcelwatch.generator.network.Facility;
import io.parcelwatch.generator.network.Lane;
import io.parcelwatch.generator.network.Network;
import io.parcelwatch.generator.network.NetworkBuilder;
import io.parcelwatch.generator.network.NetworkConfig;
import io.parcelwatch.generator.network.Outlet;
import io.parcelwatch.generator.network.Region;
import io.parcelwatch.generator.parcels.ColdChain;
import io.parcelwatch.generator.parcels.StageLimits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "describe-network", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Prints the synthetic network a seed gives (regions, hubs, outlets, the busiest lanes with their transit times) "
                + "and the per-stage time limits of the normal process.")
final class DescribeNetworkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--scenario", defaultValue = "default", description = "default/clean (43 hubs) or small (12 hubs). Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--hubs", description = "Sorting hubs (overrides the scenario).")
    Integer hubs;

    @Option(names = "--outlets-per-hub", description = "Outlets per hub (overrides the scenario).")
    Integer outletsPerHub;

    @Option(names = "--lanes", defaultValue = "20", description = "How many of the busiest lanes to list (0: all). Default: ${DEFAULT-VALUE}.")
    int lanes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NetworkConfig base = scenario.equalsIgnoreCase("small") ? NetworkConfig.SMALL : NetworkConfig.DEFAULT;
        NetworkConfig config;
        try {
            config = new NetworkConfig(hubs != null ? hubs : base.hubs(), outletsPerHub != null ? outletsPerHub : base.outletsPerHub(),
                    base.couriersPerOutlet(), base.lockersPerOutlet(), base.stationsPerOutlet());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        Network n = NetworkBuilder.build(seed, config);
        out.printf("Network of seed %d: %d regions, %d hubs, %d outlets (%d rural), %d lockers, %d pickup stations, %d couriers%n%n", seed,
                n.regions().size(), n.hubCount(), n.outlets().length, countRural(n), n.lockerCount(), n.stationCount(), n.courierCount());
        out.println("Regions:");
        out.printf("  %-6s %-13s %-10s %-10s %5s %8s%n", "id", "zone", "area", "main city", "hubs", "rural");
        for (Region r : n.regions()) {
            long hubCount = 0;
            for (int h = 0; h < n.hubCount(); h++) {
                if (n.facility(h).region() == r) {
                    hubCount++;
                }
            }
            out.printf("  %-6s %-13s %-10s %-10s %5d %7.0f%%%n", r.id(), r.zone(), r.area(), r.city(), hubCount, r.ruralShare() * 100);
        }
        out.println();
        out.print("Gateway hubs (long-haul traffic between areas goes through them):");
        for (Area a : Area.values()) {
            if (n.gateway(a) >= 0) {
                out.print(" " + a + "=" + n.facility(n.gateway(a)).id());
            }
        }
        out.println();
        out.println();
        List<Lane> used = new ArrayList<>();
        for (int a = 0; a < n.hubCount(); a++) {
            for (int b = 0; b < n.hubCount(); b++) {
                if (a != b && n.laneTraffic(a, b) > 0) {
                    used.add(n.lane(a, b));
                }
            }
        }
        used.sort(Comparator.comparingDouble((Lane l) -> -n.laneTraffic(l.from(), l.to())));
        double total = used.stream().mapToDouble(l -> n.laneTraffic(l.from(), l.to())).sum();
        int shown = lanes <= 0 ? used.size() : Math.min(lanes, used.size());
        out.printf("Lanes in use: %d of %d hub pairs; the %d busiest (transit log-normal: median, sigma, hard cap):%n", used.size(),
                n.hubCount() * (n.hubCount() - 1), shown);
        for (Lane l : used.subList(0, shown)) {
            Facility a = n.facility(l.from());
            Facility b = n.facility(l.to());
            out.printf(Locale.ROOT, "  %-10s > %-10s %6.0f km  %-5s median %5.1f h  sigma %.2f  cap %5.1f h  %-9s  %4.1f%% of traffic%n",
                    a.id(), b.id(), l.distanceKm(), l.trunk() ? "trunk" : "road", l.medianHours(), l.sigma(), l.capHours(),
                    l.longHaul() ? "waves" : "3-hourly", 100 * n.laneTraffic(l.from(), l.to()) / total);
        }
        out.println();
        out.println("Stage limits of the normal process (see load-generator/README.md):");
        out.print(StageLimits.table());
        out.println();
        out.printf(Locale.ROOT, "Cold chain: FRESH %.0f-%.0f °C, MEDICINE %.0f-%.0f °C; an excursion is outside the range for more than %d min; "
                        + "loggers report every %d min from pickup to delivery.%n", ColdChain.FRESH_MIN, ColdChain.FRESH_MAX, ColdChain.MEDICINE_MIN,
                ColdChain.MEDICINE_MAX, ColdChain.EXCURSION_TOLERANCE / 60_000, ColdChain.READING_INTERVAL / 60_000);
        out.flush();
        return 0;
    }

    private static int countRural(Network n) {
        int rural = 0;
        for (int o : n.outlets()) {
            Outlet outlet = n.outlet(o);
            if (outlet.rural()) {
                rural++;
            }
        }
        return rural;
    }
}
