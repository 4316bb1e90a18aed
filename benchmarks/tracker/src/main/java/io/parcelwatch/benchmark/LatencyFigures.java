package io.parcelwatch.benchmark;

import java.time.Duration;

/**
 * The scan-to-visible run: the tracker fed live by the paced generator.
 *
 * @param targetRate     the generator's --rate (events per second)
 * @param measuredRate   records the probe consumed per second while the generator ran
 * @param warmUp         how long the generator ran after its first record before the measured stretch
 * @param seconds        how long the measured stretch lasted
 * @param events         records on the live topic at the end
 * @param probe          the probe's samples and latencies
 * @param sampleEvery    one scan in this many was sampled
 * @param timeout        a sample not visible after this long counts as not visible
 * @param documents      parcel documents written during the live run (Elasticsearch's index_total on the index)
 * @param predictions    the delivery forecaster's predictions during the live run, and their time
 * @param cpu            where the CPU went during the measured stretch (this JVM's threads, the Elasticsearch node)
 * @param mostBehind     the most records the job's source had not read yet during the measured stretch, -1 if not read
 */
record LatencyFigures(double targetRate, double measuredRate, Duration warmUp, double seconds, long events, LatencyProbe.Result probe, int sampleEvery,
                      Duration timeout, long documents, Predictions predictions,
                      CpuUsage cpu, long mostBehind) {

    /** Parcel documents written per event during the live run. */
    double writesPerEvent() {
        return events == 0 ? Double.NaN : documents / (double) events;
    }

    /** {@link #mostBehind} in seconds of input at the measured rate: at least how long the last scans read waited to be read. */
    double mostBehindSeconds() {
        return mostBehind < 0 || measuredRate <= 0 ? Double.NaN : mostBehind / measuredRate;
    }
}
