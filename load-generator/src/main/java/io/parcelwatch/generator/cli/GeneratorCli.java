package io.parcelwatch.generator.cli;

import io.parcelwatch.io.KafkaUnavailableException;
import io.parcelwatch.generator.replay.BadRecordingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The load generator's command line: {@code generate}, {@code replay}, {@code describe-network}.
 * Exit codes: 0 done, 1 unexpected failure, 2 bad usage, 3 Kafka unreachable or refusing,
 * 4 unreadable or bad input file, 130 stopped by Ctrl-C (outputs are flushed first).
 */
@Command(name = "load-generator", mixinStandardHelpOptions = true, versionProvider = GeneratorCli.Version.class,
        description = {"ParcelWatch load generator: synthetic express-network scan streams with known anomalies, to Kafka or files; "
                + "replay of recorded streams.", ""},
        subcommands = {GenerateCommand.class, ReplayCommand.class, DescribeNetworkCommand.class, CommandLine.HelpCommand.class})
public final class GeneratorCli implements Runnable {
    static final String LOG_CONFIG = "parcelwatch-generator-log4j2.xml";
    static final String VERBOSE_LOG_CONFIG = "parcelwatch-generator-log4j2-verbose.xml";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(commandLine().execute(args));
    }

    /** Chooses the quiet (or verbose) logging configuration before anything logs, unless one is set already. */
    static void configureLogging(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            List<String> list = Arrays.asList(args);
            boolean verbose = list.contains("-v") || list.contains("--verbose");
            System.setProperty("log4j2.configurationFile", verbose ? VERBOSE_LOG_CONFIG : LOG_CONFIG);
        }
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GeneratorCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            if (cause instanceof UncheckedIOException u && u.getCause() != null) {
                cause = u.getCause() instanceof IOException io && io.getMessage() != null ? u : u.getCause();
            }
            String name = "load-generator " + commandLine.getCommandName() + ": ";
            var err = commandLine.getErr();
            if (cause instanceof UsageError) {
                err.println(name + cause.getMessage());
                err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
                return 2;
            }
            if (cause instanceof KafkaUnavailableException) {
                err.println(name + cause.getMessage());
                return 3;
            }
            if (cause instanceof BadRecordingException) {
                err.println(name + cause.getMessage());
                return 4;
            }
            if (cause instanceof UncheckedIOException || cause instanceof IOException) {
                err.println(name + cause.getMessage());
                return 4;
            }
            err.println(name + "failed: " + cause);
            cause.printStackTrace(err);
            return 1;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GeneratorCli.class.getPackage().getImplementationVersion();
            return new String[] {"ParcelWatch load generator " + (v == null ? "(development build)" : v)};
        }
    }
}
