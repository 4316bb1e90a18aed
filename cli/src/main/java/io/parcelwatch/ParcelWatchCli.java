package io.parcelwatch;

import io.parcelwatch.demo.RunCommand;
import io.parcelwatch.report.ReportCommand;
import io.parcelwatch.scoring.ScoreCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The developer's command line: {@code run} and {@code score} (the wrapper script adds the others). */
@Command(name = "parcelwatch", mixinStandardHelpOptions = true, subcommands = {RunCommand.class, ScoreCommand.class, ReportCommand.class},
        description = "ParcelWatch on this machine.")
public final class ParcelWatchCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ParcelWatchCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("parcelwatch " + commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
