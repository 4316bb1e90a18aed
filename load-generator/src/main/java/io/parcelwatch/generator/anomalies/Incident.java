package io.parcelwatch.generator.anomalies;

/**
 * A network-level incident during a time window: a hub losing parcels, or a lane disrupted.
 * Counters are filled in as parcels meet it.
 */
public final class Incident {
    private final int from;
    private final int to;
    private final long start;
    private final long end;
    private final double share;
    private final long order;
    private int parcelsAffected;
    private int parcelsMet;

    Incident(int from, int to, long start, long end, double share, long order) {
        this.from = from;
        this.to = to;
        this.start = start;
        this.end = end;
        this.share = share;
        this.order = order;
    }

    /** The hub (hub loss) or the lane's origin hub (disruption). */
    public int hub() {
        return from;
    }

    /** The lane's destination hub, or -1 for a hub loss. */
    public int toHub() {
        return to;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public double share() {
        return share;
    }

    long order() {
        return order;
    }

    public boolean covers(long time) {
        return time >= start && time < end;
    }

    /** Parcels lost (hub loss) or held (disruption). */
    public int parcelsAffected() {
        return parcelsAffected;
    }

    /** Parcels that arrived at the hub (hub loss) or were due to depart on the lane (disruption) during the window. */
    public int parcelsMet() {
        return parcelsMet;
    }

    public void met(boolean affected) {
        parcelsMet++;
        if (affected) {
            parcelsAffected++;
        }
    }
}
