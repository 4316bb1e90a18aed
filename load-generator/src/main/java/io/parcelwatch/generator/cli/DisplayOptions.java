package io.parcelwatch.generator.cli;

import io.parcelwatch.common.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code generate} and {@code replay} report while they run. */
final class DisplayOptions {
    @Option(names = "--progress-interval", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often to print progress to stderr. Default: ${DEFAULT-VALUE}.")
    Duration progressInterval = Duration.ofSeconds(2);

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    /** Read by {@link GeneratorCli#configureLogging} before parsing; declared so picocli accepts it. */
    @Option(names = {"-v", "--verbose"}, description = "Log more (Kafka client included).")
    boolean verbose;
}
