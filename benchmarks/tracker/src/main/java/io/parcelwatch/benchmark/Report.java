package io.parcelwatch.benchmark;

import java.time.Instant;

/** Everything one benchmark run measured; the parts of skipped phases are null. */
record Report(Instant startedAt, MachineInfo machine, RunSettings settings, long events, LoadFigures load,
              ThroughputMeasurement.Result baseline, ThroughputMeasurement.Result tracker, TrackerFigures trackerFigures,
              LatencyFigures latency) {}
