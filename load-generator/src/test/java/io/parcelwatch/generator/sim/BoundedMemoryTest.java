package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.output.NullSink;
import io.parcelwatch.generator.TestRun;
import org.junit.jupiter.api.Test;

/**
 * Memory is bounded by the announcement rate times a parcel's life, not by the number of parcels:
 * ten times more parcels at the same rate keep about as many parcels (and held-back events) in flight.
 * (The benchmark script also reports heap use for a large run.)
 */
class BoundedMemoryTest {
    private static RunStats run(long parcels) {
        GeneratorSettings settings = TestRun.settings(Scenario.DEFAULT, parcels, 9).withParcelsPerHour(20).withDrain(DAY);
        return new Simulation(settings, TestRun.START).run(new NullSink(false), label -> { }, outcome -> { });
    }

    @Test
    void tenTimesTheParcelsKeepsTheSameNumberInFlight() {
        RunStats small = run(4_000);
        RunStats large = run(40_000);
        System.out.printf("peak in flight: %d of %d parcels, %d of %d parcels%n", small.peakParcelsInFlight(), small.parcelsCreated(),
                large.peakParcelsInFlight(), large.parcelsCreated());
        assertThat(large.parcelsCreated()).isEqualTo(40_000);
        assertThat(large.peakParcelsInFlight()).isLessThan(large.parcelsCreated() / 10);
        assertThat((double) large.peakParcelsInFlight()).isLessThan(1.5 * small.peakParcelsInFlight());
        assertThat((double) large.peakDelayedEvents()).isLessThan(1.5 * small.peakDelayedEvents() + 50);
    }
}
