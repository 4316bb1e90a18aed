package io.parcelwatch.generator.anomalies;

/**
 * How often each anomaly is injected. Parcel-level rates are probabilities per parcel (of the parcels
 * the anomaly can apply to); network-level incidents are a mean number per simulated day.
 *
 * @param staleShare              share of parcels whose scans stop for a long stretch (≥ 2× the stage limit), then resume
 * @param lostShare               share of parcels whose scans stop for good
 * @param damageShare             share of parcels damaged at a hub (EXCEPTION DAMAGED)
 * @param lockerViolationShare    share of door-delivery parcels put in a locker or station without consent
 * @param coldExcursionShare      share of cold-chain parcels with a temperature excursion
 * @param hubLossPerDay           mean number of hub-loss windows per simulated day (network-wide)
 * @param hubLossShare            share of the parcels arriving at the hub during a window that it loses
 * @param laneDisruptionsPerDay   mean number of lane disruptions per simulated day (parcels are held at the hub until it ends)
 * @param complaintShare          share of parcels (without another reason to complain) whose recipient complains anyway
 * @param lateResponseShare       share of complaints answered after the 24-hour deadline or never
 */
public record AnomalyConfig(double staleShare, double lostShare, double damageShare, double lockerViolationShare,
                            double coldExcursionShare, double hubLossPerDay, double hubLossShare, double laneDisruptionsPerDay,
                            double complaintShare, double lateResponseShare) {
    public static final AnomalyConfig DEFAULT = new AnomalyConfig(0.01, 0.005, 0.01, 0.05, 0.10, 0.5, 0.3, 1.0, 0.003, 0.10);
    public static final AnomalyConfig NONE = new AnomalyConfig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public AnomalyConfig {
        share("stale share", staleShare);
        share("lost share", lostShare);
        share("damage share", damageShare);
        share("locker violation share", lockerViolationShare);
        share("cold excursion share", coldExcursionShare);
        share("hub loss share", hubLossShare);
        share("complaint share", complaintShare);
        share("late response share", lateResponseShare);
        if (staleShare + lostShare + damageShare > 1) {
            throw new IllegalArgumentException("stale + lost + damage shares exceed 1");
        }
        if (hubLossPerDay < 0 || laneDisruptionsPerDay < 0) {
            throw new IllegalArgumentException("incident rates per day must not be negative");
        }
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
    }

    public AnomalyConfig withStaleShare(double v) {
        return new AnomalyConfig(v, lostShare, damageShare, lockerViolationShare, coldExcursionShare, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withLostShare(double v) {
        return new AnomalyConfig(staleShare, v, damageShare, lockerViolationShare, coldExcursionShare, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withDamageShare(double v) {
        return new AnomalyConfig(staleShare, lostShare, v, lockerViolationShare, coldExcursionShare, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withLockerViolationShare(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, v, coldExcursionShare, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withColdExcursionShare(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, lockerViolationShare, v, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withHubLossPerDay(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, lockerViolationShare, coldExcursionShare, v, hubLossShare, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withHubLossShare(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, lockerViolationShare, coldExcursionShare, hubLossPerDay, v, laneDisruptionsPerDay, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withLaneDisruptionsPerDay(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, lockerViolationShare, coldExcursionShare, hubLossPerDay, hubLossShare, v, complaintShare, lateResponseShare);
    }

    public AnomalyConfig withComplaintShare(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, lockerViolationShare, coldExcursionShare, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, v, lateResponseShare);
    }

    public AnomalyConfig withLateResponseShare(double v) {
        return new AnomalyConfig(staleShare, lostShare, damageShare, lockerViolationShare, coldExcursionShare, hubLossPerDay, hubLossShare, laneDisruptionsPerDay, complaintShare, v);
    }
}
