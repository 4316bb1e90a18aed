package io.parcelwatch.benchmark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark JVM; tracker-benchmark.sh drives it (prepare, then measure). */
@Command(name = "tracker-benchmark", mixinStandardHelpOptions = true,
        description = "The tracker performance benchmark (run it through benchmarks/tracker/tracker-benchmark.sh).",
        subcommands = {PrepareCommand.class, MeasureCommand.class})
public final class TrackerBenchmarkCli {
    public static void main(String[] args) {
        int exit = new CommandLine(new TrackerBenchmarkCli()).execute(args);
        // Flink, Kafka and Elasticsearch clients leave non-daemon threads behind.
        System.exit(exit);
    }
}
