package io.parcelwatch.generator.sim;

import io.parcelwatch.generator.anomalies.AnomalyConfig;
import io.parcelwatch.generator.disorder.DisorderConfig;
import io.parcelwatch.generator.network.NetworkConfig;

/** Presets; individual flags override any of their values. */
public enum Scenario {
    /** Realistic mess and anomaly rates on the full network: 100,000 parcels at 20,000 an hour. */
    DEFAULT("realistic disorder and anomalies, 43 hubs, 100,000 parcels at 20,000/h",
            NetworkConfig.DEFAULT, AnomalyConfig.DEFAULT, DisorderConfig.DEFAULT, 100_000, 20_000),
    /** The normal process only: no disorder, no anomalies. */
    CLEAN("no disorder, no anomalies, 43 hubs, 100,000 parcels at 20,000/h",
            NetworkConfig.DEFAULT, AnomalyConfig.NONE, DisorderConfig.NONE, 100_000, 20_000),
    /** A quick run for trying things out: a 12-hub network and 2,000 parcels. */
    SMALL("default disorder and anomalies, 12 hubs, 2,000 parcels at 2,000/h",
            NetworkConfig.SMALL, AnomalyConfig.DEFAULT, DisorderConfig.DEFAULT, 2_000, 2_000);

    private final String description;
    private final NetworkConfig network;
    private final AnomalyConfig anomalies;
    private final DisorderConfig disorder;
    private final long parcels;
    private final double parcelsPerHour;

    Scenario(String description, NetworkConfig network, AnomalyConfig anomalies, DisorderConfig disorder, long parcels, double parcelsPerHour) {
        this.description = description;
        this.network = network;
        this.anomalies = anomalies;
        this.disorder = disorder;
        this.parcels = parcels;
        this.parcelsPerHour = parcelsPerHour;
    }

    public String description() {
        return description;
    }

    public GeneratorSettings settings(long seed) {
        return new GeneratorSettings(seed, network, anomalies, disorder, parcelsPerHour, parcels, -1,
                GeneratorSettings.DEFAULT_DRAIN, null, Pacing.AS_FAST_AS_POSSIBLE);
    }
}
