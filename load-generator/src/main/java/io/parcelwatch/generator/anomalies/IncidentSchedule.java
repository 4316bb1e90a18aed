package io.parcelwatch.generator.anomalies;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.OFFSET;

import io.parcelwatch.generator.network.Network;
import io.parcelwatch.generator.random.Rng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Network incidents, drawn per simulated (local) day from the seed and the day's number alone, so any
 * day's incidents are known in advance without remembering the past: hub-loss windows (a hub loses a
 * share of the parcels arriving during 2-6 h) or lane disruptions (a lane stops for 8-24 h; parcels
 * due to leave on it are held). Hubs and lanes are picked in proportion to their expected traffic.
 */
public final class IncidentSchedule {
    public enum Kind {
        HUB_LOSS(0x4855424CL, 2 * HOUR, 6 * HOUR), LANE_DISRUPTION(0x4C414E45L, 8 * HOUR, 24 * HOUR);

        final long purpose;
        final long minLength;
        final long maxLength;

        Kind(long purpose, long minLength, long maxLength) {
            this.purpose = purpose;
            this.minLength = minLength;
            this.maxLength = maxLength;
        }
    }

    private final Kind kind;
    private final long seed;
    private final double perDay;
    private final double share;
    private final int[] fromHubs;
    private final int[] toHubs;
    private final double[] cumulative;
    private final Map<Long, List<Incident>> days = new HashMap<>();
    private final List<Incident> unreported = new ArrayList<>();

    private IncidentSchedule(Kind kind, long seed, double perDay, double share, int[] fromHubs, int[] toHubs, double[] weights) {
        this.kind = kind;
        this.seed = seed;
        this.perDay = perDay;
        this.share = share;
        this.fromHubs = fromHubs;
        this.toHubs = toHubs;
        this.cumulative = weights.length == 0 ? new double[0] : Rng.cumulative(weights);
    }

    public static IncidentSchedule hubLosses(long seed, Network network, double perDay, double share) {
        int n = network.hubCount();
        int[] hubs = new int[n];
        int[] none = new int[n];
        for (int i = 0; i < n; i++) {
            hubs[i] = i;
            none[i] = -1;
        }
        return new IncidentSchedule(Kind.HUB_LOSS, seed, perDay, share, hubs, none, network.hubTraffic().clone());
    }

    public static IncidentSchedule laneDisruptions(long seed, Network network, double perDay) {
        List<int[]> lanes = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int a = 0; a < network.hubCount(); a++) {
            for (int b = 0; b < network.hubCount(); b++) {
                if (a != b && network.laneTraffic(a, b) > 0) {
                    lanes.add(new int[] {a, b});
                    weights.add(network.laneTraffic(a, b));
                }
            }
        }
        int[] from = lanes.stream().mapToInt(l -> l[0]).toArray();
        int[] to = lanes.stream().mapToInt(l -> l[1]).toArray();
        return new IncidentSchedule(Kind.LANE_DISRUPTION, seed, perDay, 1.0, from, to, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public Kind kind() {
        return kind;
    }

    /** The incident at this hub (and lane end, for disruptions; -1 for hub losses) covering the time, or null. */
    public Incident find(int hub, int toHub, long time) {
        if (perDay <= 0 || cumulative.length == 0) {
            return null;
        }
        long day = dayOf(time);
        Incident found = findIn(day, hub, toHub, time);
        return found != null ? found : findIn(day - 1, hub, toHub, time);
    }

    private Incident findIn(long day, int hub, int toHub, long time) {
        for (Incident incident : incidentsOf(day)) {
            if (incident.hub() == hub && incident.toHub() == toHub && incident.covers(time)) {
                return incident;
            }
        }
        return null;
    }

    private List<Incident> incidentsOf(long day) {
        List<Incident> list = days.get(day);
        if (list == null) {
            list = draw(day);
            days.put(day, list);
            unreported.addAll(list);
        }
        return list;
    }

    private List<Incident> draw(long day) {
        Rng rng = Rng.derive(seed, day, kind.purpose);
        int count = rng.poisson(perDay);
        List<Incident> list = new ArrayList<>(count);
        long dayStart = day * DAY - OFFSET;
        for (int k = 0; k < count; k++) {
            int pick = rng.weighted(cumulative);
            long start = dayStart + rng.uniformLong(0, DAY);
            long length = rng.uniformLong(kind.minLength, kind.maxLength);
            list.add(new Incident(fromHubs[pick], toHubs[pick], start, start + length, share, day * 1000 + k));
        }
        return list;
    }

    /**
     * Incidents that ended before {@code time} (no parcel created from then on can meet them), in a
     * deterministic order; each is returned once. Also forgets days no parcel can reach any more.
     */
    public List<Incident> endedBefore(long time) {
        List<Incident> done = new ArrayList<>();
        unreported.removeIf(i -> {
            if (i.end() <= time) {
                done.add(i);
                return true;
            }
            return false;
        });
        done.sort(Comparator.comparingLong(Incident::start).thenComparingLong(Incident::order));
        long today = dayOf(time);
        days.keySet().removeIf(d -> d < today - 1);
        return done;
    }

    /** Everything not yet returned by {@link #endedBefore}, at the end of a run. */
    public List<Incident> drainAll() {
        return endedBefore(Long.MAX_VALUE - DAY * 3);
    }

    static long dayOf(long time) {
        return Math.floorDiv(time + OFFSET, DAY);
    }
}
