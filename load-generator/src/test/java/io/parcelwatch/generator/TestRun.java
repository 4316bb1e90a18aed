package io.parcelwatch.generator;

import io.parcelwatch.generator.anomalies.Label;
import io.parcelwatch.generator.output.Outcome;
import io.parcelwatch.generator.sim.GeneratorSettings;
import io.parcelwatch.generator.sim.RunStats;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.generator.sim.Simulation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A generator run kept in memory: events, labels, outcomes and counters. */
public final class TestRun {
    /** A fixed start, so runs are reproducible (a Friday, 08:00 China time). */
    public static final long START = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    public final GeneratorSettings settings;
    public final Simulation simulation;
    public final CollectingSink sink = new CollectingSink();
    public final List<Label> labels = new ArrayList<>();
    public final List<Outcome> outcomes = new ArrayList<>();
    public final RunStats stats;

    private TestRun(GeneratorSettings settings) {
        this.settings = settings;
        this.simulation = new Simulation(settings, START);
        this.stats = simulation.run(sink, labels::add, outcomes::add);
    }

    public static TestRun of(GeneratorSettings settings) {
        return new TestRun(settings);
    }

    /** The default scenario at a fixed start, with the given number of parcels. */
    public static GeneratorSettings settings(Scenario scenario, long parcels, long seed) {
        return scenario.settings(seed).withParcels(parcels).withStart(START);
    }
}
