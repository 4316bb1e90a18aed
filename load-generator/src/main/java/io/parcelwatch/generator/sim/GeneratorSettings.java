package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.DAY;

import io.parcelwatch.generator.anomalies.AnomalyConfig;
import io.parcelwatch.generator.disorder.DisorderConfig;
import io.parcelwatch.generator.network.NetworkConfig;

/**
 * Everything a generator run depends on. The same settings (with the same explicit start) give the
 * same stream, byte for byte.
 *
 * @param seed            seed of every random decision
 * @param network         size of the synthetic network
 * @param anomalies       anomaly rates
 * @param disorder        disorder shares
 * @param parcelsPerHour  mean announcement rate (simulated time); the hour of day and day of week shape it
 * @param parcels         parcels to create (then the run continues for {@code drainMillis}), or -1 to create for {@code durationMillis}
 * @param durationMillis  simulated time to run when {@code parcels} is -1 (parcels still moving at the end are IN_FLIGHT)
 * @param drainMillis     with {@code parcels}: simulated time the run continues after the last parcel is announced
 * @param startMillis     simulated start (epoch millis), or null to end the run about now
 * @param pacing          wall-clock pace
 */
public record GeneratorSettings(long seed, NetworkConfig network, AnomalyConfig anomalies, DisorderConfig disorder, double parcelsPerHour,
                                long parcels, long durationMillis, long drainMillis, Long startMillis, Pacing pacing) {
    public static final long DEFAULT_DRAIN = 7 * DAY;

    public GeneratorSettings {
        if ((parcels < 0) == (durationMillis < 0)) {
            throw new IllegalArgumentException("give either a number of parcels or a duration");
        }
        if (parcels == 0 || durationMillis == 0) {
            throw new IllegalArgumentException("nothing to generate: zero parcels or zero duration");
        }
        if (!(parcelsPerHour > 0)) {
            throw new IllegalArgumentException("parcels per hour must be positive");
        }
        if (drainMillis < 0) {
            throw new IllegalArgumentException("drain must not be negative");
        }
    }

    public GeneratorSettings withSeed(long v) {
        return new GeneratorSettings(v, network, anomalies, disorder, parcelsPerHour, parcels, durationMillis, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withAnomalies(AnomalyConfig v) {
        return new GeneratorSettings(seed, network, v, disorder, parcelsPerHour, parcels, durationMillis, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withDisorder(DisorderConfig v) {
        return new GeneratorSettings(seed, network, anomalies, v, parcelsPerHour, parcels, durationMillis, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withNetwork(NetworkConfig v) {
        return new GeneratorSettings(seed, v, anomalies, disorder, parcelsPerHour, parcels, durationMillis, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withParcelsPerHour(double v) {
        return new GeneratorSettings(seed, network, anomalies, disorder, v, parcels, durationMillis, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withParcels(long v) {
        return new GeneratorSettings(seed, network, anomalies, disorder, parcelsPerHour, v, -1, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withDuration(long v) {
        return new GeneratorSettings(seed, network, anomalies, disorder, parcelsPerHour, -1, v, drainMillis, startMillis, pacing);
    }

    public GeneratorSettings withDrain(long v) {
        return new GeneratorSettings(seed, network, anomalies, disorder, parcelsPerHour, parcels, durationMillis, v, startMillis, pacing);
    }

    public GeneratorSettings withStart(Long v) {
        return new GeneratorSettings(seed, network, anomalies, disorder, parcelsPerHour, parcels, durationMillis, drainMillis, v, pacing);
    }

    public GeneratorSettings withPacing(Pacing v) {
        return new GeneratorSettings(seed, network, anomalies, disorder, parcelsPerHour, parcels, durationMillis, drainMillis, startMillis, v);
    }
}
