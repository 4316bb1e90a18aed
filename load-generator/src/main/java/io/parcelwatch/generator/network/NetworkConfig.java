package io.parcelwatch.generator.network;

/**
 * Size of the synthetic network. The defaults give 43 sorting hubs over 28 provinces, 860 outlets,
 * about 2,000 lockers and 1,700 pickup stations, and 5,160 couriers.
 *
 * @param hubs               sorting hubs (at least 1)
 * @param outletsPerHub      outlets under each hub
 * @param couriersPerOutlet  couriers per outlet
 * @param lockersPerOutlet   smart lockers per urban outlet (rural outlets have none)
 * @param stationsPerOutlet  community pickup stations per outlet
 */
public record NetworkConfig(int hubs, int outletsPerHub, int couriersPerOutlet, int lockersPerOutlet, int stationsPerOutlet) {
    public static final NetworkConfig DEFAULT = new NetworkConfig(43, 20, 6, 3, 2);
    public static final NetworkConfig SMALL = new NetworkConfig(12, 5, 3, 2, 1);

    public NetworkConfig {
        if (hubs < 1 || outletsPerHub < 1 || couriersPerOutlet < 1 || lockersPerOutlet < 0 || stationsPerOutlet < 1) {
            throw new IllegalArgumentException("network needs at least 1 hub, 1 outlet per hub, 1 courier and 1 station per outlet: " + this);
        }
        if (hubs > 999 || outletsPerHub > 999 || couriersPerOutlet > 99 || lockersPerOutlet > 9 || stationsPerOutlet > 9) {
            throw new IllegalArgumentException("network too large (max 999 hubs, 999 outlets per hub, 99 couriers, 9 lockers and 9 stations per outlet): " + this);
        }
    }
}
